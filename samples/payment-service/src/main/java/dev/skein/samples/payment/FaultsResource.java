package dev.skein.samples.payment;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** Switches the payment service's misbehaviour at run time: {@code PUT /admin/faults}. */
@Path("/admin/faults")
public class FaultsResource {

    @Inject
    Faults faults;

    @GET
    public Faults.Settings get() {
        return faults.settings();
    }

    @PUT
    public Response set(Faults.Settings next) {
        if (next == null) {
            return Response.status(400).entity(new PaymentResource.Problem(
                    "send {\"latencyMs\":0,\"jitterMs\":0,\"failureRate\":0.0,\"declineRate\":0.0}")).build();
        }
        faults.set(next);
        return Response.ok(faults.settings()).build();
    }
}
