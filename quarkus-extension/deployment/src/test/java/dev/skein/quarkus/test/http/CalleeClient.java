package dev.skein.quarkus.test.http;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The REST Client through which the test application calls itself. */
@RegisterRestClient(configKey = "callee")
@Path("/budget")
public interface CalleeClient {

    @GET
    @Path("/callee")
    String callee();

    @GET
    @Path("/counted")
    String counted();
}
