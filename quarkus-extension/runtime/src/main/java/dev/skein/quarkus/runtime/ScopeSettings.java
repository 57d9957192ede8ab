package dev.skein.quarkus.runtime;

import dev.skein.quarkus.SkeinScope;
import dev.skein.scope.ScopeConfig;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Optional;

/**
 * One call's scope, from the method's {@link SkeinScope} and the {@link ScopeDefaults} for what it leaves
 * unset. The build has checked the annotation's values already (with the same {@link Durations}).
 *
 * @param name the scope's name
 * @param branch the name of the branch the method runs as
 * @param timeout the deadline after the call starts, if any
 * @param supervisor whether the scope supervises rather than fails fast
 * @param maxConcurrency the cap on branches forked beside the method, 0 for none
 * @param cancellationGrace the grace for its stuck branches, if configured
 * @param openedAt where the scope is reported as opened: the method (see {@link #site})
 */
public record ScopeSettings(String name, String branch, Optional<Duration> timeout, boolean supervisor, int maxConcurrency,
        Optional<Duration> cancellationGrace, StackTraceElement openedAt) {

    /**
     * {@return the intercepted {@code method} as the place its scope was opened} Diagnostics then name the method, where
     * core's stack walk would find the interceptor chain's frames (and the scope opens without the walk).
     */
    public static StackTraceElement site(Method method) {
        return new StackTraceElement(method.getDeclaringClass().getName(), method.getName(), null, -1);
    }

    /** {@return the settings of a call of {@code method}} The overrides of its name win over its annotation. */
    static ScopeSettings of(SkeinScope scope, Method method, ScopeDefaults defaults) {
        String name = scope.name().isEmpty() ? method.getDeclaringClass().getSimpleName() + "." + method.getName()
                : scope.name();
        ScopeDefaults.Named named = defaults.named().get(name);
        Optional<Duration> timeout = named != null && named.timeout().isPresent() ? named.timeout()
                : scope.timeout().isEmpty() ? defaults.timeout() : Optional.of(Durations.positive("timeout", scope.timeout()));
        int max = named != null && named.maxConcurrency().isPresent() ? named.maxConcurrency().getAsInt()
                : scope.maxConcurrency() == 0 ? defaults.maxConcurrency() : scope.maxConcurrency();
        return new ScopeSettings(name, method.getName(), timeout, scope.kind() == SkeinScope.Kind.SUPERVISOR, max,
                defaults.cancellationGrace(), site(method));
    }

    /** {@return the configuration of the scope} */
    ScopeConfig configure(ScopeConfig config) {
        ScopeConfig c = config.withName(name).withOpenedAt(openedAt);
        if (timeout.isPresent()) {
            c = c.withTimeout(timeout.get());
        }
        if (cancellationGrace.isPresent()) {
            c = c.withCancellationGrace(cancellationGrace.get());
        }
        // the method's own branch holds one slot: the cap is on the branches forked beside it
        if (maxConcurrency > 0 && maxConcurrency < Integer.MAX_VALUE) {
            c = c.withMaxConcurrency(maxConcurrency + 1);
        }
        return c;
    }
}
