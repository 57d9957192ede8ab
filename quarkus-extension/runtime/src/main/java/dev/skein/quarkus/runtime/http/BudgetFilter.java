package dev.skein.quarkus.runtime.http;

import dev.skein.internal.Text;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

/**
 * Reads an incoming request's time budget, before its endpoint: none, the request runs as it would without
 * Skein; a positive one is kept for {@link BudgetInterceptor}; one already spent is answered {@code 504} and a
 * malformed one {@code 400}, without running the endpoint. Registered when the application has
 * {@code quarkus-rest}; does not block, so it runs on the event loop, before any switch to a worker thread.
 */
public class BudgetFilter implements ContainerRequestFilter {

    @Inject
    IncomingBudget budget;

    @Override
    public void filter(ContainerRequestContext request) {
        long arrival = System.nanoTime();
        HttpSettings settings = HttpSettings.current();
        if (!settings.server()) {
            return;
        }
        String value = header(request, settings.header());
        if (value == null) {
            return;
        }
        long millis;
        try {
            millis = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            request.abortWith(answer(Response.Status.BAD_REQUEST, "the header " + settings.header() + " must hold the "
                    + "milliseconds the request has left, a whole number, but was \"" + Text.name(value) + "\""));
            return;
        }
        if (millis <= 0) {
            request.abortWith(answer(Response.Status.GATEWAY_TIMEOUT, "the request's time budget (" + settings.header()
                    + ": " + millis + ") was spent before it arrived: the endpoint was not run"));
            return;
        }
        budget.set(arrival, millis);
    }

    /**
     * {@return the header's values as {@code getHeaderString} gives them (joined by commas), or null} Read from the
     * request as it came: {@code getHeaderString} makes Quarkus REST copy every header of the request into its
     * {@code HttpHeaders} first, which cost every request more than the rest of this filter did.
     */
    private static String header(ContainerRequestContext request, String name) {
        if (request instanceof ResteasyReactiveContainerRequestContext r
                && r.getServerRequestContext() instanceof ResteasyReactiveRequestContext context) {
            List<String> values = context.serverRequest().getAllRequestHeaders(name);
            return values == null || values.isEmpty() ? null : values.size() == 1 ? values.getFirst() : String.join(",", values);
        }
        return request.getHeaderString(name);
    }

    private static Response answer(Response.Status status, String message) {
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(message).build();
    }
}
