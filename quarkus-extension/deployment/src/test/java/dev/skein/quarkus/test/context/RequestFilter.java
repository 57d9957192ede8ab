package dev.skein.quarkus.test.context;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.MDC;

/** Sets the request's state and its MDC, before the endpoint and so before its scope. */
@Provider
public class RequestFilter implements ContainerRequestFilter {

    @Inject
    RequestState state;

    @Override
    public void filter(ContainerRequestContext request) {
        state.user(request.getHeaderString("X-User"));
        MDC.put("requestId", request.getHeaderString("X-Request-Id"));
    }
}
