package dev.skein.quarkus.runtime.http;

import dev.skein.context.SkeinContext;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import java.time.Duration;
import java.util.Optional;

/**
 * Sends the time left of the calling branch's deadline with each REST Client call, in whole milliseconds (rounded
 * down: the callee never gets more than the caller has). A call whose deadline has passed, or whose branch was
 * cancelled, fails at once with the core's exception ({@code DeadlineExceededException},
 * {@code CancelledException}) and does not go out. A call made outside a scope with a deadline carries nothing.
 * Registered for every REST Client when the application has {@code quarkus-rest-client}.
 */
public class BudgetClientFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        HttpSettings settings = HttpSettings.current();
        if (!settings.client()) {
            return;
        }
        SkeinContext context = SkeinContext.current();
        context.throwIfCancelled(); // a deadline that has passed counts as fired when read
        Optional<Duration> left = context.remaining();
        if (left.isPresent()) {
            request.getHeaders().putSingle(settings.header(), Long.toString(left.get().toMillis()));
        }
    }
}
