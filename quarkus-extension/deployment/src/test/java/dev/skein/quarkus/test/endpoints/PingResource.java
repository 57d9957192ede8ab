package dev.skein.quarkus.test.endpoints;

import dev.skein.quarkus.SkeinScope;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** Shows that an application in production mode is up on its port, whatever the endpoints' fate. */
@Path("/ping")
public class PingResource {

    @GET
    @SkeinScope
    public String ping() {
        return "pong";
    }
}
