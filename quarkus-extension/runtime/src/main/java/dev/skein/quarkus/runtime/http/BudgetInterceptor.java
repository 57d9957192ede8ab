package dev.skein.quarkus.runtime.http;

import dev.skein.quarkus.runtime.ScopeCall;
import dev.skein.quarkus.runtime.ScopeDefaults;
import dev.skein.quarkus.runtime.ScopeSettings;
import dev.skein.quarkus.runtime.SkeinScopeInterceptor;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InjectableBean;
import io.quarkus.runtime.BlockingOperationControl;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs an endpoint whose request came with a time budget in a scope with that deadline, named
 * {@code "<header> of Class.method"}, as {@code @SkeinScope} runs its methods ({@link ScopeCall}): what the endpoint
 * does and calls sees the deadline, and a deadline that passes is a {@code DeadlineExceededException} (504). The
 * scope is not {@code SkeinScopes.current()}, which answers the same with or without a budget; the endpoint does
 * run as a branch then (on the request's own thread, as {@code Scope.runHere} runs one), interrupted when the budget
 * runs out. Before
 * {@code @SkeinScope}'s interceptor, whose scope nests inside (the nearer deadline wins). An endpoint on the event
 * loop, which must not wait for a scope, runs as it would without Skein.
 */
@WithBudget
@Interceptor
@Priority(SkeinScopeInterceptor.PRIORITY - 10)
public class BudgetInterceptor {

    /** What each endpoint's scope is called, made once per method (and header) rather than once per request. */
    private record Endpoint(String header, String scopeName, String branch, StackTraceElement site) {
        static Endpoint of(Method method, String header) {
            return new Endpoint(header, header + " of " + method.getDeclaringClass().getSimpleName() + "." + method.getName(),
                    method.getName(), ScopeSettings.site(method));
        }
    }

    /** One entry per endpoint method that has run with a budget: as many as the application has. */
    private static final Map<Method, Endpoint> ENDPOINTS = new ConcurrentHashMap<>();

    /** The bean of the request's budget, found on first use; looked up, not injected, so as not to create it. */
    private InjectableBean<IncomingBudget> budgetBean;

    @AroundInvoke
    Object inBudget(InvocationContext invocation) throws Exception {
        ArcContainer container = Arc.container();
        if (!HttpSettings.current().server() || !BlockingOperationControl.isBlockingAllowed() || container == null
                || !container.requestContext().isActive()) {
            return invocation.proceed(); // the event loop, or a call from outside a request
        }
        if (budgetBean == null) {
            budgetBean = container.instance(IncomingBudget.class).getBean();
        }
        // most requests come without a budget: BudgetFilter creates the bean only for those that come with one
        IncomingBudget budget = container.requestContext().get(budgetBean);
        Optional<Duration> left = budget == null ? Optional.empty() : budget.take();
        if (left.isEmpty()) {
            return invocation.proceed();
        }
        Method method = invocation.getMethod();
        String header = HttpSettings.current().header();
        Endpoint endpoint = ENDPOINTS.get(method);
        if (endpoint == null || !endpoint.header().equals(header)) { // a restart with another header (tests, dev mode)
            endpoint = Endpoint.of(method, header);
            ENDPOINTS.put(method, endpoint);
        }
        ScopeSettings settings = new ScopeSettings(endpoint.scopeName(), endpoint.branch(), left, false, 0,
                ScopeDefaults.current().cancellationGrace(), endpoint.site());
        return ScopeCall.callUnseen(settings, invocation::proceed);
    }
}
