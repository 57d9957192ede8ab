package dev.skein.quarkus.runtime;

import dev.skein.internal.Text;
import dev.skein.policy.FailDirection;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import dev.skein.policy.PolicyConfig;
import dev.skein.policy.PolicyState;
import dev.skein.policy.SharedLimitState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A named policy as the health check, the {@code /q/skein/policies} endpoint and the Dev UI show it: its
 * state read once, on its own, so that one whose state cannot be read (whatever it throws, an {@code Error}
 * too) is shown with that error and hides none of the others.
 *
 * @param name the policy's name (not bounded: bound it where it is shown)
 * @param config its strategies
 * @param state its state and counts, or null if they could not be read
 * @param sharedLimit what its shared rate limit has seen of its store; null without one, or if it could not be read
 * @param error why they could not be read, or null
 */
public record PolicyReading(String name, PolicyConfig config, PolicyState state, SharedLimitState sharedLimit,
        String error) {

    /** The most characters of a store's failure shown. */
    static final int FAILURE_SHOWN = 300;

    /** {@return every named policy, sorted by name, each read on its own} */
    public static List<PolicyReading> all() {
        List<PolicyReading> readings = new ArrayList<>();
        for (Policy policy : Policies.all()) {
            readings.add(of(policy));
        }
        return readings;
    }

    /** {@return the policy, read now} */
    public static PolicyReading of(Policy policy) {
        String name = policy.name().orElse("");
        try {
            return new PolicyReading(name, policy.config(), policy.state(), policy.sharedLimit().orElse(null), null);
        } catch (Throwable t) { // one policy that cannot be read must not hide the others
            return new PolicyReading(name, policy.config(), null, null, Text.describe(t));
        }
    }

    /** {@return whether the policy has a circuit breaker} */
    public boolean hasBreaker() {
        return config.circuitBreaker().isPresent();
    }

    /**
     * {@return the breaker's state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), {@code UNKNOWN} if it
     * could not be read ({@link #error()} says why), empty without a breaker}
     */
    public Optional<String> breaker() {
        if (!hasBreaker()) {
            return Optional.empty();
        }
        return Optional.of(state == null ? "UNKNOWN" : state.breaker().map(Enum::name).orElse("NONE"));
    }

    /** {@return whether its rate limit is shared, counted in a {@code RateLimitStore}} */
    public boolean hasSharedLimit() {
        return config.rateLimit().flatMap(PolicyConfig.RateLimit::shared).isPresent();
    }

    /**
     * {@return its shared rate limit's store as a line for people, empty without a shared limit} For example
     * {@code "store reachable; fails open"}, or {@code "store UNREACHABLE; fails closed: calls are rejected;
     * 3 calls found it unreachable; last failure: java.sql.SQLException: refused"}.
     */
    public Optional<String> sharedLimitLine() {
        if (!hasSharedLimit()) {
            return Optional.empty();
        }
        if (sharedLimit == null) {
            return Optional.of("store UNKNOWN" + (error == null ? "" : " (" + error + ")"));
        }
        StringBuilder s = new StringBuilder(sharedLimit.reachable() ? "store reachable" : "store UNREACHABLE")
                .append("; fails ").append(sharedLimit.direction().name().toLowerCase(Locale.ROOT));
        if (!sharedLimit.reachable()) {
            s.append(sharedLimit.direction() == FailDirection.OPEN ? ": calls are admitted without a limit"
                    : ": calls are rejected");
        }
        if (sharedLimit.unreachableCalls() > 0) {
            s.append("; ").append(sharedLimit.unreachableCalls())
                    .append(sharedLimit.unreachableCalls() == 1 ? " call" : " calls").append(" found it unreachable");
        }
        sharedLimit.lastFailure().ifPresent(f -> s.append("; last failure: ").append(bounded(f)));
        return Optional.of(s.toString());
    }

    /** {@return a store's failure, cut to {@value #FAILURE_SHOWN} characters} */
    public static String bounded(String failure) {
        return failure.length() <= FAILURE_SHOWN ? failure : failure.substring(0, FAILURE_SHOWN) + "...";
    }

    /** {@return the kinds of its strategies, in SmallRye's order: retry, circuit-breaker, rate-limit, timeout, bulkhead} */
    public List<String> strategyKinds() {
        List<String> kinds = new ArrayList<>();
        config.retry().ifPresent(r -> kinds.add("retry"));
        config.circuitBreaker().ifPresent(cb -> kinds.add("circuit-breaker"));
        config.rateLimit().ifPresent(rl -> kinds.add("rate-limit"));
        config.timeout().ifPresent(t -> kinds.add("timeout"));
        config.bulkhead().ifPresent(b -> kinds.add("bulkhead"));
        return kinds;
    }

    /** {@return its strategies and their parameters, in SmallRye's order, as a line for people} */
    public String strategiesLine() {
        List<String> s = new ArrayList<>();
        config.retry().ifPresent(r -> s.add("retry: " + r.maxRetries() + " times, after " + time(r.delay())
                + (r.backoffFactor() > 1 ? " growing ×" + r.backoffFactor() + " up to " + time(r.maxDelay()) : "")));
        config.circuitBreaker().ifPresent(cb -> s.add("circuit breaker: opens when "
                + Math.round(cb.failureRatio() * 100) + "% of the last " + cb.requestVolumeThreshold()
                + " calls failed, for " + time(cb.delay())));
        config.rateLimit().ifPresent(rl -> s.add("rate limit: " + rl.limit() + " calls per " + time(rl.window())
                + (rl.waitForPermit() ? ", waiting for a permit" : "")
                + rl.shared().map(sh -> ", shared by every instance (fails " + sh.whenUnreachable().name()
                        .toLowerCase(Locale.ROOT) + ")").orElse("")));
        config.timeout().ifPresent(t -> s.add("timeout: " + time(t)));
        config.bulkhead().ifPresent(b -> s.add("bulkhead: " + b + " calls at once"));
        return s.isEmpty() ? "no strategy" : String.join("; ", s);
    }

    private static String time(Duration d) {
        long ms = d.toMillis();
        if (ms >= 3_600_000 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + " h";
        }
        if (ms >= 60_000 && ms % 60_000 == 0) {
            return ms / 60_000 + " min";
        }
        return ms >= 1000 && ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
