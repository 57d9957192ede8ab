package dev.skein.policy;

import java.time.Duration;
import java.util.List;

/** Checks a policy's configuration; each problem names the parameter and what it must be. */
final class Validation {

    private Validation() {
    }

    static void check(PolicyConfig c, List<String> problems) {
        c.retry().ifPresent(r -> {
            atLeast(problems, "retry.maxRetries", r.maxRetries(), 0);
            notNegative(problems, "retry.delay", r.delay());
            if (r.delay() != null && r.delay().compareTo(Duration.ofDays(1)) >= 0) {
                problems.add("retry.delay must be less than a day, was " + r.delay());
            }
            notNegative(problems, "retry.jitter", r.jitter());
            atLeast(problems, "retry.backoffFactor", r.backoffFactor(), 1);
            positive(problems, "retry.maxDelay", r.maxDelay());
            if (r.retryOn().isEmpty()) {
                problems.add("retry.retryOn must name at least one exception type, or the retry never retries");
            }
        });
        c.circuitBreaker().ifPresent(b -> {
            atLeast(problems, "circuitBreaker.requestVolumeThreshold", b.requestVolumeThreshold(), 1);
            if (!(b.failureRatio() >= 0 && b.failureRatio() <= 1)) {
                problems.add("circuitBreaker.failureRatio must be between 0 and 1, was " + b.failureRatio());
            }
            notNegative(problems, "circuitBreaker.delay", b.delay());
            atLeast(problems, "circuitBreaker.successThreshold", b.successThreshold(), 1);
        });
        c.rateLimit().ifPresent(l -> {
            atLeast(problems, "rateLimit.limit", l.limit(), 1);
            positive(problems, "rateLimit.window", l.window());
            wholeMillis(problems, "rateLimit.window", l.window());
            notNegative(problems, "rateLimit.minSpacing", l.minSpacing());
        });
        c.timeout().ifPresent(t -> {
            positive(problems, "timeout", t);
            wholeMillis(problems, "timeout", t);
        });
        c.bulkhead().ifPresent(b -> atLeast(problems, "bulkhead", b, 1));
    }

    private static void atLeast(List<String> problems, String parameter, int value, int min) {
        if (value < min) {
            problems.add(parameter + " must be " + min + " or more, was " + value);
        }
    }

    private static void notNegative(List<String> problems, String parameter, Duration value) {
        if (value == null || value.isNegative()) {
            problems.add(parameter + " must not be negative, was " + value);
        }
    }

    /** SmallRye takes milliseconds: a positive duration shorter than one would become zero. */
    private static void wholeMillis(List<String> problems, String parameter, Duration value) {
        if (value != null && value.isPositive() && value.toMillis() == 0) {
            problems.add(parameter + " must be at least 1 ms (SmallRye counts in milliseconds), was " + value);
        }
    }

    private static void positive(List<String> problems, String parameter, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(parameter + " must be positive, was " + value);
        }
    }
}
