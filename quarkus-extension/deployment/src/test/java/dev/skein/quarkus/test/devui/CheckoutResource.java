package dev.skein.quarkus.test.devui;

import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.devui.CheckoutGraph.Confirmation;
import dev.skein.scope.Scope;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.concurrent.CountDownLatch;

/** Runs the checkout, and holds a scope open until released, for the Dev UI to show. */
@Path("/checkout")
public class CheckoutResource {

    private static volatile CountDownLatch release = new CountDownLatch(0);

    @Inject
    SkeinGraph<String, Confirmation> checkout;

    /** {@return how the run of the checkout of order {@code id} ended} */
    @GET
    @Path("/{id}")
    public String checkout(@PathParam("id") String id) throws InterruptedException {
        return checkout.runForReport(id).outcome().name();
    }

    /** Opens the scope "held scope", whose branch "waiting branch" waits for {@code /checkout/release}. */
    @GET
    @Path("/hold")
    public String hold() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch opened = new CountDownLatch(1);
        release = held;
        Thread.ofVirtual().start(() -> {
            try {
                Scope.run(cfg -> cfg.withName("held scope"), scope -> {
                    scope.fork("waiting branch", () -> {
                        opened.countDown();
                        held.await();
                    });
                    return null;
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        opened.await();
        return "held";
    }

    @GET
    @Path("/release")
    public String release() {
        release.countDown();
        return "released";
    }
}
