package dev.skein.quarkus.runtime.http;

import dev.skein.quarkus.runtime.ScopeCall;
import dev.skein.quarkus.runtime.ScopeDefaults;
import dev.skein.quarkus.runtime.ScopeSettings;
import dev.skein.quarkus.runtime.SkeinScopeInterceptor;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.runtime.BlockingOperationControl;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs an endpoint whose request came with a time budget in a scope with that deadline, named
 * {@code "<header> of Class.method"}, as {@code @SkeinScope} runs its methods ({@link ScopeCall}): what the endpoint
 * does and calls sees the deadline, and a deadline that passes is a {@code DeadlineExceededException} (504). The
 * scope is not {@code SkeinScopes.current()}, which answers the same with or without a budget; the endpoint does
 * run as a branch then (on its own thread), interrupted when the budget runs out. Before
 * {@code @SkeinScope}'s interceptor, whose scope nests inside (the nearer deadline wins). An endpoint on the event
 * loop, which must not wait for a scope, runs as it would without Skein.
 */
@WithBudget
@Interceptor
@Priority(SkeinScopeInterceptor.PRIORITY - 10)
public class BudgetInterceptor {

    @Inject
    IncomingBudget budget;

    @AroundInvoke
    Object inBudget(InvocationContext invocation) throws Exception {
        ArcContainer container = Arc.container();
        if (!HttpSettings.current().server() || !BlockingOperationControl.isBlockingAllowed() || container == null
                || !container.requestContext().isActive()) {
            return invocation.proceed(); // the event loop, or a call from outside a request
        }
        Optional<Duration> left = budget.take();
        if (left.isEmpty()) {
            return invocation.proceed();
        }
        Method method = invocation.getMethod();
        String name = HttpSettings.current().header() + " of " + method.getDeclaringClass().getSimpleName() + "."
                + method.getName();
        ScopeSettings settings = new ScopeSettings(name, method.getName(), left, false, 0,
                ScopeDefaults.current().cancellationGrace());
        return ScopeCall.callUnseen(settings, invocation::proceed);
    }
}
