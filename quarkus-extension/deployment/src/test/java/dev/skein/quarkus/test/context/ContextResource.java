package dev.skein.quarkus.test.context;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** An endpoint whose work runs in a scope. */
@Path("/context")
public class ContextResource {

    @Inject
    ContextProbe probe;

    @GET
    public String get() throws InterruptedException {
        return String.join(",", probe.inBranches());
    }
}
