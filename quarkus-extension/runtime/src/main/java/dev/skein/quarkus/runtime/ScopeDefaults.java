package dev.skein.quarkus.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@code quarkus.skein.*} says about {@code @SkeinScope} calls: the defaults for what a method leaves
 * unset, and the overrides by scope name, which win over the annotation. Built-in: no deadline, no cap,
 * the core's cancellation grace, no overrides; start-up replaces them with {@link #use} (at every start,
 * also to put the built-in values back when the configuration no longer sets them).
 *
 * @param timeout the deadline of a scope whose {@code timeout} is empty, after the call starts; empty: none
 * @param maxConcurrency the cap of a scope whose {@code maxConcurrency} is 0; 0: none
 * @param cancellationGrace the grace of every scope, if configured
 * @param named the overrides by scope name
 */
public record ScopeDefaults(Optional<Duration> timeout, int maxConcurrency, Optional<Duration> cancellationGrace,
        Map<String, Named> named) {

    /** The overrides of {@code quarkus.skein.scope."<name>"}. */
    public record Named(Optional<Duration> timeout, OptionalInt maxConcurrency) {
    }

    /** The built-in defaults: no deadline, no cap, no overrides. */
    public static final ScopeDefaults NONE = new ScopeDefaults(Optional.empty(), 0, Optional.empty(), Map.of());

    private static volatile ScopeDefaults current = NONE;

    public ScopeDefaults {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(cancellationGrace, "cancellationGrace");
        named = Map.copyOf(named);
        if (timeout.isPresent() && timeout.get().isNegative()) {
            throw new IllegalArgumentException("the default timeout of @SkeinScope must not be negative, was "
                    + timeout.get());
        }
        if (maxConcurrency < 0) {
            throw new IllegalArgumentException("the default maxConcurrency of @SkeinScope must be at least 1, or 0 "
                    + "for no cap, was " + maxConcurrency);
        }
    }

    /** {@return the defaults in force} */
    public static ScopeDefaults current() {
        return current;
    }

    /** Makes {@code defaults} apply to calls from now on. */
    public static void use(ScopeDefaults defaults) {
        current = Objects.requireNonNull(defaults, "defaults");
    }
}
