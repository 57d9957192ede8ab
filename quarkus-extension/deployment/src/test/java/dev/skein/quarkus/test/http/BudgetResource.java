package dev.skein.quarkus.test.http;

import dev.skein.context.SkeinContext;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.quarkus.SkeinScope;
import dev.skein.quarkus.SkeinScopes;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** Two endpoints that call each other through a REST Client, and endpoints that count their runs or wait. */
@Path("/budget")
public class BudgetResource {

    /** Runs of {@link #counted()}. */
    static final AtomicInteger COUNTED = new AtomicInteger();
    /** What the REST Client call of {@link #late()} threw. */
    static final AtomicReference<Throwable> REFUSED = new AtomicReference<>();

    private static final CountDownLatch NEVER = new CountDownLatch(1);

    @RestClient
    CalleeClient callee;

    /** {@return what the callee saw} */
    @GET
    @Path("/caller")
    public String caller() {
        return callee.callee();
    }

    /** {@return the budget header as it arrived, and the time left of this endpoint's deadline in ms, -1 for none} */
    @GET
    @Path("/callee")
    public String callee(@Context HttpHeaders headers) {
        String header = ConfigProvider.getConfig().getOptionalValue("quarkus.skein.http.header", String.class)
                .orElse("Skein-Budget-Ms");
        return headers.getHeaderString(header) + " " + SkeinContext.current().remaining().map(Duration::toMillis).orElse(-1L);
    }

    @GET
    @Path("/counted")
    public String counted() {
        COUNTED.incrementAndGet();
        return "ran";
    }

    /** {@return the time left of this endpoint's deadline in ms, -1 for none} On the event loop. */
    @GET
    @Path("/reactive")
    public Uni<String> reactive() {
        return Uni.createFrom().item(() -> String.valueOf(SkeinContext.current().remaining().map(Duration::toMillis)
                .orElse(-1L)));
    }

    /** Waits until the deadline interrupts it. */
    @GET
    @Path("/stuck")
    public String stuck() throws InterruptedException {
        NEVER.await();
        return "never";
    }

    /** {@return {@code SkeinScopes.current()} as text, or "none"} */
    @GET
    @Path("/current")
    public String current() {
        try {
            return SkeinScopes.current().toString();
        } catch (IllegalStateException e) {
            return "none";
        }
    }

    /** {@return where the budget's scope of this endpoint was opened, as the live tree tells, or "none"} */
    @GET
    @Path("/site")
    public String site() {
        return Diagnostics.snapshot().stream().filter(s -> s.name().equals("Skein-Budget-Ms of BudgetResource.site"))
                .findFirst().flatMap(ScopeSnapshot::openedAt).map(StackTraceElement::toString).orElse("none");
    }

    /** Waits until a deadline interrupts it, in a scope of its own with a deadline farther than the test's budget. */
    @GET
    @Path("/scoped")
    @SkeinScope(timeout = "60s")
    public String scoped() throws InterruptedException {
        NEVER.await();
        return "never";
    }

    /** Waits until the deadline interrupts it, then makes a REST Client call with no time left. */
    @GET
    @Path("/late")
    public String late() {
        try {
            NEVER.await();
        } catch (InterruptedException deadlinePassed) {
            // the interrupt is cleared: the call below is not refused for it
        }
        try {
            return callee.counted();
        } catch (RuntimeException e) {
            REFUSED.set(e);
            throw e;
        }
    }
}
