package dev.skein.quarkus;

import dev.skein.quarkus.runtime.ScopeCall;
import dev.skein.scope.Scope;

/**
 * The scope of the running {@link SkeinScope} method, for work that runs beside the method and must be
 * done, or cut off, before the call returns.
 * {@snippet :
 * @SkeinScope(kind = SkeinScope.Kind.SUPERVISOR, maxConcurrency = 2)
 * public Receipt checkout(Order order) {
 *     Scope scope = SkeinScopes.current();
 *     scope.fork("audit", () -> audit.record(order));      // the call returns once it has ended too
 *     scope.fork("warm cache", () -> catalogue.warm(order));
 *     return payments.charge(order);
 * }
 * }
 * The method runs as a branch of that scope, so it may fork into it (and cancel it); it cannot join or
 * close it: the interceptor does, after the method returns. Work whose results the method needs belongs in
 * a scope of its own, {@code Scope.run(..)}, which nests under this one.
 */
public final class SkeinScopes {

    private SkeinScopes() {
    }

    /**
     * {@return the scope that the {@link SkeinScope} method running on this thread runs in}
     *
     * @throws IllegalStateException when called elsewhere than on the thread of such a method (a branch it
     *     forked, or a thread of a scope it opened, is another thread)
     */
    public static Scope current() {
        return ScopeCall.current();
    }
}
