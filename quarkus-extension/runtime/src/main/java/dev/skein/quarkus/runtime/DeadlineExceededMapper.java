package dev.skein.quarkus.runtime;

import dev.skein.DeadlineExceededException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Answers a deadline that cut a request short with {@code 504 Gateway Timeout} and the exception's message
 * (which scope's deadline, and the branches it cut short; bounded in size). Registered when the application
 * has {@code quarkus-rest}, below the application's own mappers of this exception.
 */
public class DeadlineExceededMapper implements ExceptionMapper<DeadlineExceededException> {

    @Override
    public Response toResponse(DeadlineExceededException e) {
        return Response.status(Response.Status.GATEWAY_TIMEOUT).type(MediaType.TEXT_PLAIN_TYPE).entity(e.getMessage())
                .build();
    }
}
