package dev.skein.quarkus.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the members of {@code @SkeinScope} that a method leaves unset fall back to: no deadline and no
 * concurrency cap, until start-up replaces them with {@link #use}. This is where {@code quarkus.skein.*}
 * configuration plugs in: its recorder calls {@code use} at every start (also to put the built-in values
 * back when the configuration no longer sets them).
 *
 * @param timeout the deadline of a scope whose {@code timeout} is empty, after the call starts; empty: none
 * @param maxConcurrency the cap of a scope whose {@code maxConcurrency} is 0; 0: none
 */
public record ScopeDefaults(Optional<Duration> timeout, int maxConcurrency) {

    /** The built-in defaults: no deadline, no cap. */
    public static final ScopeDefaults NONE = new ScopeDefaults(Optional.empty(), 0);

    private static volatile ScopeDefaults current = NONE;

    public ScopeDefaults {
        Objects.requireNonNull(timeout, "timeout");
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
