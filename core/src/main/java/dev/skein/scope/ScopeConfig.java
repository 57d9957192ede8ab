package dev.skein.scope;

import dev.skein.context.ContextKey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Immutable configuration of a scope, applied to the defaults with {@code withX} methods:
 * {@snippet :
 * try (var scope = Scope.open(cfg -> cfg.withName("quote").withTimeout(Duration.ofMillis(300)))) {
 *     // ...
 * }
 * }
 * Each {@code withX} checks its argument at once and returns a new configuration.
 */
public final class ScopeConfig {

    /** How long a cancelled branch may run on before it is reported, with its stack, as stuck. */
    public static final Duration DEFAULT_CANCELLATION_GRACE = Duration.ofSeconds(5);
    /** The shortest grace period a scope accepts. */
    public static final Duration MIN_CANCELLATION_GRACE = Duration.ofMillis(10);
    /** The longest grace period a scope accepts. */
    public static final Duration MAX_CANCELLATION_GRACE = Duration.ofDays(1);

    static final ScopeConfig DEFAULTS = new ScopeConfig(null, null, null, 0, Map.of(), DEFAULT_CANCELLATION_GRACE, true, null);

    private final String name;
    private final Duration timeout;
    private final Instant deadline;
    private final int maxConcurrency;
    private final Map<ContextKey<?>, Object> values;
    private final Duration cancellationGrace;
    private final boolean tracing;
    private final StackTraceElement openedAt;

    private ScopeConfig(String name, Duration timeout, Instant deadline, int maxConcurrency,
            Map<ContextKey<?>, Object> values, Duration cancellationGrace, boolean tracing, StackTraceElement openedAt) {
        this.name = name;
        this.timeout = timeout;
        this.deadline = deadline;
        this.maxConcurrency = maxConcurrency;
        this.values = values;
        this.cancellationGrace = cancellationGrace;
        this.tracing = tracing;
        this.openedAt = openedAt;
    }

    /** {@return the configuration of a scope that configures nothing: the start of every {@code withX} chain} */
    public static ScopeConfig defaults() {
        return DEFAULTS;
    }

    /**
     * {@return a copy that makes no OpenTelemetry span for this scope, its branches and every scope nested
     * in them} The OpenTelemetry context still travels into the branches.
     */
    public ScopeConfig withoutTracing() {
        return new ScopeConfig(name, timeout, deadline, maxConcurrency, values, cancellationGrace, false, openedAt);
    }

    /** {@return whether the scope makes spans (when a tracer is installed: see {@code SkeinTelemetry})} */
    public boolean tracing() {
        return tracing;
    }

    /** {@return a copy named {@code name}; the name shows in errors, dumps and spans} */
    public ScopeConfig withName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("scope name must not be blank");
        }
        return new ScopeConfig(name, timeout, deadline, maxConcurrency, values, cancellationGrace, tracing, openedAt);
    }

    /**
     * {@return a copy whose deadline is {@code timeout} after the scope opens} An enclosing deadline that
     * is nearer still wins.
     */
    public ScopeConfig withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        return new ScopeConfig(name, timeout, deadline, maxConcurrency, values, cancellationGrace, tracing, openedAt);
    }

    /** {@return a copy with an absolute deadline} An enclosing deadline that is nearer still wins. */
    public ScopeConfig withDeadline(Instant deadline) {
        Objects.requireNonNull(deadline, "deadline");
        return new ScopeConfig(name, timeout, deadline, maxConcurrency, values, cancellationGrace, tracing, openedAt);
    }

    /**
     * {@return a copy that runs at most {@code max} branches at once} Forking past the cap waits for a
     * running branch to end (honouring deadline and cancellation); {@link Scope#tryFork} returns at once.
     */
    public ScopeConfig withMaxConcurrency(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + max
                    + " (leave it unset for no cap)");
        }
        return new ScopeConfig(name, timeout, deadline, max, values, cancellationGrace, tracing, openedAt);
    }

    /** {@return a copy whose branches (and nested scopes) see {@code value} under {@code key}} */
    public <T> ScopeConfig withValue(ContextKey<T> key, T value) {
        Objects.requireNonNull(key, "key");
        Map<ContextKey<?>, Object> copy = new HashMap<>(values);
        copy.put(key, key.cast(Objects.requireNonNull(value, "value")));
        return new ScopeConfig(name, timeout, deadline, maxConcurrency, Map.copyOf(copy), cancellationGrace, tracing, openedAt);
    }

    /**
     * {@return a copy with another grace period for cancelled branches before they are reported as stuck}
     * Between {@link #MIN_CANCELLATION_GRACE} (a shorter one would flood the log with reports of branches
     * that are merely slow to stop) and {@link #MAX_CANCELLATION_GRACE}.
     */
    public ScopeConfig withCancellationGrace(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (grace.compareTo(MIN_CANCELLATION_GRACE) < 0 || grace.compareTo(MAX_CANCELLATION_GRACE) > 0) {
            throw new IllegalArgumentException("cancellationGrace must be between " + MIN_CANCELLATION_GRACE.toMillis()
                    + " ms and " + MAX_CANCELLATION_GRACE.toHours() + " hours, was " + grace);
        }
        return new ScopeConfig(name, timeout, deadline, maxConcurrency, values, grace, tracing, openedAt);
    }

    /**
     * {@return a copy reported as opened at {@code site}} By default a scope is reported (in diagnostics, and when
     * it is left open) at the first frame of its opener that is not Skein's, which Skein finds by walking the
     * stack when it opens (unless open sites are switched off). A framework that opens a scope for a method it
     * intercepts names the method here: that is the place a reader looks for, where the walk would find the
     * framework's own frames, and the scope is opened without a walk.
     */
    public ScopeConfig withOpenedAt(StackTraceElement site) {
        Objects.requireNonNull(site, "site");
        return new ScopeConfig(name, timeout, deadline, maxConcurrency, values, cancellationGrace, tracing, site);
    }

    /** {@return the place the scope is reported as opened at, if set with {@link #withOpenedAt}} */
    public Optional<StackTraceElement> openedAt() {
        return Optional.ofNullable(openedAt);
    }

    /** {@return the name, if set} */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** {@return the timeout, if set} */
    public Optional<Duration> timeout() {
        return Optional.ofNullable(timeout);
    }

    /** {@return the absolute deadline, if set} */
    public Optional<Instant> deadline() {
        return Optional.ofNullable(deadline);
    }

    /** {@return the cap on running branches, or 0 for none} */
    public int maxConcurrency() {
        return maxConcurrency;
    }

    /** {@return the context values this scope adds} */
    public Map<ContextKey<?>, Object> values() {
        return values;
    }

    /** {@return the grace period before a cancelled branch that still runs is reported} */
    public Duration cancellationGrace() {
        return cancellationGrace;
    }
}
