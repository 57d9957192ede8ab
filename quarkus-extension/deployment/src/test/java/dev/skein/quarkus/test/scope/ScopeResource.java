package dev.skein.quarkus.test.scope;

import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.quarkus.SkeinScope;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Endpoints that run in a scope of their own. */
@Path("/scope")
public class ScopeResource {

    /** Taken inside the last call of {@link #tree()}. */
    static volatile List<ScopeSnapshot> seen;

    private static final CountDownLatch NEVER = new CountDownLatch(1);

    @GET
    @Path("/slow")
    @SkeinScope(timeout = "300ms")
    public String slow() throws InterruptedException {
        return Scope.run(cfg -> cfg.withName("fan-out"), scope -> {
            Branch<String> fast = scope.fork("fast", () -> "fast");
            scope.fork("slow", () -> {
                NEVER.await();
                return "slow";
            });
            scope.join();
            return fast.resultNow();
        });
    }

    @GET
    @Path("/tree")
    @RunOnVirtualThread
    @SkeinScope
    public String tree() throws InterruptedException {
        CountDownLatch snapshotTaken = new CountDownLatch(1);
        return Scope.run(cfg -> cfg.withName("fan-out"), scope -> {
            Branch<String> a = scope.fork("a", () -> {
                snapshotTaken.await();
                return "a";
            });
            Branch<String> b = scope.fork("b", () -> {
                snapshotTaken.await();
                return "b";
            });
            seen = Diagnostics.snapshot();
            snapshotTaken.countDown();
            scope.join();
            return a.resultNow() + b.resultNow();
        });
    }
}
