package dev.skein.samples.order;

import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The answers for the exceptions the endpoints let through. */
class ErrorMappers {

    /** Past the {@code orders-in} rate limit: 429, and when to try again, in whole seconds rounded up. */
    @ServerExceptionMapper
    Response tooMany(RateLimitException e) {
        long seconds = Math.max(1, (e.getRetryAfterMillis() + 999) / 1000);
        return Response.status(429).header("Retry-After", seconds).type(MediaType.TEXT_PLAIN)
                .entity("too many orders: try again in " + seconds + " s").build();
    }

    @ServerExceptionMapper
    Response unknownProduct(UnknownProductException e) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
    }
}
