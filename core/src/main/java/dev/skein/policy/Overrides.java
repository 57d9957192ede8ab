package dev.skein.policy;

import dev.skein.internal.Text;
import io.smallrye.faulttolerance.api.RateLimitType;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies configuration overrides to a named policy. Keys follow SmallRye Fault Tolerance's own
 * ({@code smallrye.faulttolerance."<id>".<strategy>.<property>}) under Skein's prefix:
 * {@code skein.policy.<name>.<strategy>.<property>}, e.g. {@code skein.policy.payment.retry.max-retries=5}.
 * A duration is a number with an optional {@code <property>-unit} key ({@code ChronoUnit} name, default
 * millis), as in SmallRye ({@code retry.jitter-delay-unit} for the jitter). {@code <strategy>.enabled=false}
 * removes a strategy configured in code. A key under the prefix that Skein does not know, or that overrides
 * a strategy the policy does not have in code, is a problem: configuration cannot add a strategy.
 */
final class Overrides {

    static final OverrideSource SYSTEM_PROPERTIES = new OverrideSource() {
        @Override
        public Optional<String> value(String key) {
            return Optional.ofNullable(System.getProperty(key));
        }

        @Override
        public Set<String> keys(String prefix) {
            Set<String> keys = new TreeSet<>();
            for (String key : System.getProperties().stringPropertyNames()) {
                if (key.startsWith(prefix)) {
                    keys.add(key);
                }
            }
            return keys;
        }

        @Override
        public String toString() {
            return "the system properties";
        }
    };

    private final String name;
    private final String prefix;
    private final OverrideSource source;
    private final List<String> problems;

    private Overrides(String name, OverrideSource source, List<String> problems) {
        this.name = Text.name(name);
        this.prefix = "skein.policy." + name + ".";
        this.source = source;
        this.problems = problems;
    }

    /**
     * {@return {@code config} with the overrides from {@code source} applied} Adds to {@code problems} each
     * value that does not parse and each key under the policy's prefix that changes nothing.
     */
    static PolicyConfig apply(String name, PolicyConfig config, OverrideSource source, List<String> problems) {
        Overrides overrides = new Overrides(name, source, problems);
        PolicyConfig result = overrides.apply(config);
        OverrideKeys.check(overrides, config);
        return result;
    }

    /** {@return where problems go} */
    List<String> problems() {
        return problems;
    }

    /** {@return the policy's name, bounded for a message} */
    String name() {
        return name;
    }

    /** {@return every key {@link #source} lists under the policy's prefix, without it, sorted} */
    Set<String> properties() {
        Set<String> properties = new TreeSet<>();
        for (String key : Objects.requireNonNull(source.keys(prefix), "OverrideSource.keys returned null")) {
            if (key != null && key.startsWith(prefix)) {
                properties.add(key.substring(prefix.length()));
            }
        }
        return properties;
    }

    /** {@return the full key of {@code property} (a name after the prefix), bounded for a message} */
    String shown(String property) {
        return "skein.policy." + name + "." + Text.name(property);
    }

    private PolicyConfig apply(PolicyConfig c) {
        PolicyConfig result = c;
        if (enabled("retry", c.retry().isPresent())) {
            PolicyConfig.Retry r0 = c.retry().orElse(PolicyConfig.Retry.DEFAULTS);
            PolicyConfig.Retry r = new PolicyConfig.Retry(integer("retry.max-retries", r0.maxRetries()), duration("retry.delay", r0.delay()),
                    duration("retry.jitter", r0.jitter(), "retry.jitter-delay-unit"), integer("exponential-backoff.factor", r0.backoffFactor()),
                    duration("exponential-backoff.max-delay", r0.maxDelay()), r0.retryOn(), r0.abortOn());
            result = result.withRetry(ignored -> r);
        } else {
            result = new PolicyConfig(Optional.empty(), result.circuitBreaker(), result.rateLimit(), result.timeout(), result.bulkhead());
        }
        if (enabled("circuit-breaker", c.circuitBreaker().isPresent())) {
            PolicyConfig.CircuitBreaker b = c.circuitBreaker().orElse(PolicyConfig.CircuitBreaker.DEFAULTS);
            PolicyConfig.CircuitBreaker overridden = new PolicyConfig.CircuitBreaker(
                    integer("circuit-breaker.request-volume-threshold", b.requestVolumeThreshold()),
                    decimal("circuit-breaker.failure-ratio", b.failureRatio()), duration("circuit-breaker.delay", b.delay()),
                    integer("circuit-breaker.success-threshold", b.successThreshold()));
            result = result.withCircuitBreaker(ignored -> overridden);
        } else {
            result = new PolicyConfig(result.retry(), Optional.empty(), result.rateLimit(), result.timeout(), result.bulkhead());
        }
        if (enabled("rate-limit", c.rateLimit().isPresent())) {
            PolicyConfig.RateLimit l = c.rateLimit().orElse(PolicyConfig.RateLimit.DEFAULTS);
            PolicyConfig.RateLimit overridden = new PolicyConfig.RateLimit(integer("rate-limit.value", l.limit()),
                    duration("rate-limit.window", l.window()), duration("rate-limit.min-spacing", l.minSpacing()),
                    type("rate-limit.type", l.type()), bool("rate-limit.wait-for-permit", l.waitForPermit()), l.shared());
            result = result.withRateLimit(ignored -> overridden);
        } else {
            result = new PolicyConfig(result.retry(), result.circuitBreaker(), Optional.empty(), result.timeout(), result.bulkhead());
        }
        if (enabled("timeout", c.timeout().isPresent())) {
            result = result.withTimeout(duration("timeout.value", c.timeout().orElse(Duration.ofSeconds(1)), "timeout.unit"));
        } else {
            result = new PolicyConfig(result.retry(), result.circuitBreaker(), result.rateLimit(), Optional.empty(), result.bulkhead());
        }
        if (enabled("bulkhead", c.bulkhead().isPresent())) {
            result = result.withBulkhead(integer("bulkhead.value", c.bulkhead().orElse(10)));
        } else {
            result = new PolicyConfig(result.retry(), result.circuitBreaker(), result.rateLimit(), result.timeout(), Optional.empty());
        }
        return result;
    }

    /** A strategy is on if configured in code, unless {@code enabled=false} (SmallRye's convention). */
    private boolean enabled(String strategy, boolean inCode) {
        return inCode && bool(strategy + ".enabled", true);
    }

    /** {@return the value of {@code property} (a name after the prefix), stripped, if set} */
    Optional<String> value(String property) {
        return Objects.requireNonNull(source.value(prefix + property), "OverrideSource.value returned null")
                .map(String::strip);
    }

    private int integer(String property, int fallback) {
        Optional<String> v = value(property);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            problems.add(shown(property) + " must be a whole number, was '" + Text.name(v.get()) + "'");
            return fallback;
        }
    }

    private double decimal(String property, double fallback) {
        Optional<String> v = value(property);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.get());
        } catch (NumberFormatException e) {
            problems.add(shown(property) + " must be a number, was '" + Text.name(v.get()) + "'");
            return fallback;
        }
    }

    private boolean bool(String property, boolean fallback) {
        Optional<String> v = value(property);
        if (v.isEmpty()) {
            return fallback;
        }
        if (!v.get().equalsIgnoreCase("true") && !v.get().equalsIgnoreCase("false")) {
            problems.add(shown(property) + " must be true or false, was '" + Text.name(v.get()) + "'");
            return fallback;
        }
        return Boolean.parseBoolean(v.get());
    }

    private RateLimitType type(String property, RateLimitType fallback) {
        Optional<String> v = value(property);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return RateLimitType.valueOf(v.get().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(shown(property) + " must be fixed, rolling or smooth, was '" + Text.name(v.get()) + "'");
            return fallback;
        }
    }

    private Duration duration(String property, Duration fallback) {
        return duration(property, fallback, property + "-unit");
    }

    private Duration duration(String property, Duration fallback, String unitProperty) {
        Optional<String> v = value(property);
        Optional<String> u = value(unitProperty);
        if (v.isEmpty()) {
            if (u.isPresent()) {
                problems.add(shown(unitProperty) + " is set but " + shown(property) + " is not: a unit applies only to "
                        + "a value set in configuration; set both, or remove the unit");
            }
            return fallback;
        }
        ChronoUnit unit = ChronoUnit.MILLIS;
        if (u.isPresent()) {
            try {
                unit = ChronoUnit.valueOf(u.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(shown(unitProperty) + " must be a ChronoUnit (millis, seconds, ...), was '"
                        + Text.name(u.get()) + "'");
                return fallback;
            }
        }
        String units = unit.toString().toLowerCase(Locale.ROOT);
        try {
            return Duration.of(Long.parseLong(v.get()), unit);
        } catch (ArithmeticException | java.time.temporal.UnsupportedTemporalTypeException e) {
            problems.add(shown(property) + " is out of range in " + units + ", was '" + Text.name(v.get()) + "'");
            return fallback;
        } catch (NumberFormatException e) {
            problems.add(shown(property) + " must be a whole number (of " + units + "), was '" + Text.name(v.get()) + "'");
            return fallback;
        }
    }
}
