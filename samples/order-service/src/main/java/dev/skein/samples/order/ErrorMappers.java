package dev.skein.samples.order;

import dev.skein.GraphFailedException;
import dev.skein.graph.RunOutcome;
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

    /**
     * A saga that failed before its order was written (its deadline passed while the order service was swamped,
     * say): nothing was created, so there is no order to answer 409 with. 504 when its deadline passed, else 503.
     */
    @ServerExceptionMapper
    Response notPlaced(GraphFailedException e) {
        int status = e.report().outcome() == RunOutcome.DEADLINE_EXCEEDED ? 504 : 503;
        return Response.status(status).type(MediaType.TEXT_PLAIN)
                .entity("no order was created: " + FailureReasons.of(e.report())).build();
    }

    @ServerExceptionMapper
    Response unknownProduct(UnknownProductException e) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
    }
}
