package dev.skein.quarkus.test.endpoints;

import dev.skein.quarkus.SkeinScope;
import dev.skein.scope.Scope;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.concurrent.CountDownLatch;

/** A request held inside its scope, and a branch of a scope it opens, until the test releases them. */
@Path("/held")
public class HeldResource {

    /** A name that JSON, the text dump and HTML must all escape. */
    static final String SCOPE = "held \"request\" <b>\n&";

    static final CountDownLatch inside = new CountDownLatch(1);
    static final CountDownLatch release = new CountDownLatch(1);

    @GET
    @RunOnVirtualThread
    @SkeinScope(name = SCOPE)
    public String hold() throws InterruptedException {
        return Scope.run(cfg -> cfg.withName("lookups"), scope -> {
            scope.fork("lookup", () -> release.await());
            inside.countDown();
            release.await();
            scope.join();
            return "released";
        });
    }
}
