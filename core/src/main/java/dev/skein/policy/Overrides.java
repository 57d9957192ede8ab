package dev.skein.policy;

import io.smallrye.faulttolerance.api.RateLimitType;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Applies configuration overrides to a named policy. Keys follow SmallRye Fault Tolerance's own
 * ({@code smallrye.faulttolerance."<id>".<strategy>.<property>}) under Skein's prefix:
 * {@code skein.policy.<name>.<strategy>.<property>}, e.g. {@code skein.policy.payment.retry.max-retries=5}.
 * A duration is a number with an optional {@code <property>-unit} key ({@code ChronoUnit} name, default
 * millis), as in SmallRye ({@code retry.jitter-delay-unit} for the jitter). {@code <strategy>.enabled=false}
 * removes a strategy configured in code.
 */
final class Overrides {

    private final String prefix;
    private final Function<String, Optional<String>> source;
    private final List<String> problems;

    private Overrides(String name, Function<String, Optional<String>> source, List<String> problems) {
        this.prefix = "skein.policy." + name + ".";
        this.source = source;
        this.problems = problems;
    }

    static PolicyConfig apply(String name, PolicyConfig config, Function<String, Optional<String>> source,
            List<String> problems) {
        return new Overrides(name, source, problems).apply(config);
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
                    type("rate-limit.type", l.type()), bool("rate-limit.wait-for-permit", l.waitForPermit()));
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

    private Optional<String> value(String property) {
        return source.apply(prefix + property).map(String::strip);
    }

    private int integer(String property, int fallback) {
        Optional<String> v = value(property);
        if (v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.get());
        } catch (NumberFormatException e) {
            problems.add(prefix + property + " must be a whole number, was '" + v.get() + "'");
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
            problems.add(prefix + property + " must be a number, was '" + v.get() + "'");
            return fallback;
        }
    }

    private boolean bool(String property, boolean fallback) {
        Optional<String> v = value(property);
        if (v.isEmpty()) {
            return fallback;
        }
        if (!v.get().equalsIgnoreCase("true") && !v.get().equalsIgnoreCase("false")) {
            problems.add(prefix + property + " must be true or false, was '" + v.get() + "'");
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
            problems.add(prefix + property + " must be fixed, rolling or smooth, was '" + v.get() + "'");
            return fallback;
        }
    }

    private Duration duration(String property, Duration fallback) {
        return duration(property, fallback, property + "-unit");
    }

    private Duration duration(String property, Duration fallback, String unitProperty) {
        Optional<String> v = value(property);
        if (v.isEmpty()) {
            return fallback;
        }
        ChronoUnit unit = ChronoUnit.MILLIS;
        Optional<String> u = value(unitProperty);
        if (u.isPresent()) {
            try {
                unit = ChronoUnit.valueOf(u.get().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(prefix + unitProperty + " must be a ChronoUnit (millis, seconds, ...), was '" + u.get() + "'");
                return fallback;
            }
        }
        try {
            return Duration.of(Long.parseLong(v.get()), unit);
        } catch (ArithmeticException | java.time.temporal.UnsupportedTemporalTypeException e) {
            problems.add(prefix + property + " is out of range in " + unit.toString().toLowerCase(Locale.ROOT)
                    + ", was '" + v.get() + "'");
            return fallback;
        } catch (NumberFormatException e) {
            problems.add(prefix + property + " must be a whole number (of " + unit.toString().toLowerCase(Locale.ROOT)
                    + "), was '" + v.get() + "'");
            return fallback;
        }
    }
}
