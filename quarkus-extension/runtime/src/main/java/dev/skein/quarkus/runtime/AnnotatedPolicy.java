package dev.skein.quarkus.runtime;

import dev.skein.policy.PolicyConfig;
import io.smallrye.faulttolerance.api.RateLimitType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * A task's {@code @Retry} (with {@code @ExponentialBackoff}), {@code @CircuitBreaker}, {@code @RateLimit},
 * {@code @Timeout} and {@code @Bulkhead}, with their configuration, as the core's policy configuration.
 * What has no equivalent in the core was refused by the build; configuring it for the method is refused
 * here, naming the key.
 */
final class AnnotatedPolicy {

    /** Members the core has no equivalent for, and what to do instead; a method's own key for one is a problem. */
    private static final List<String[]> UNSUPPORTED = List.of(
            new String[] {"Retry", "maxDuration", "a task's retries are bounded by the run's deadline and the task's timeout"},
            new String[] {"Retry", "durationUnit", "a task's retries are bounded by the run's deadline and the task's timeout"},
            new String[] {"CircuitBreaker", "failOn", "a task's breaker counts every failure"},
            new String[] {"CircuitBreaker", "skipOn", "a task's breaker counts every failure"},
            new String[] {"Bulkhead", "waitingTaskQueue", "a task calls through its bulkhead on its own thread, with no queue"},
            new String[] {"Fallback", "value", "the fallback is chosen when the application is built"},
            new String[] {"Fallback", "fallbackMethod", "the fallback is chosen when the application is built"});

    private AnnotatedPolicy() {
    }

    /** {@return what configures the task's policy, or empty when no strategy applies} */
    static Optional<UnaryOperator<PolicyConfig>> of(MemberValues m, List<String> problems) {
        for (String[] u : UNSUPPORTED) {
            if (!m.has(u[0])) {
                continue;
            }
            m.methodKey(u[0], u[1]).ifPresent(key -> problems.add(key + " is set, but Skein does not read it: " + u[2]
                    + "; remove the key"));
        }
        UnaryOperator<PolicyConfig> configure = UnaryOperator.identity();
        boolean any = false;
        if (m.enabled("Retry")) {
            any = true;
            configure = then(configure, retry(m));
        }
        if (m.enabled("CircuitBreaker")) {
            any = true;
            int volume = m.integer("CircuitBreaker", "requestVolumeThreshold");
            double ratio = m.decimal("CircuitBreaker", "failureRatio");
            Duration delay = m.duration("CircuitBreaker", "delay", "delayUnit");
            int successes = m.integer("CircuitBreaker", "successThreshold");
            configure = then(configure, c -> c.withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(volume)
                    .withFailureRatio(ratio).withDelay(delay).withSuccessThreshold(successes)));
        }
        if (m.enabled("RateLimit")) {
            any = true;
            int limit = m.integer("RateLimit", "value");
            Duration window = m.duration("RateLimit", "window", "windowUnit");
            Duration spacing = m.duration("RateLimit", "minSpacing", "minSpacingUnit");
            RateLimitType type = m.constant("RateLimit", "type", RateLimitType.class);
            configure = then(configure, c -> c.withRateLimit(rl -> rl.withLimit(limit).withWindow(window)
                    .withMinSpacing(spacing).withType(type)));
        }
        if (m.enabled("Timeout")) {
            any = true;
            Duration timeout = m.duration("Timeout", "value", "unit");
            configure = then(configure, c -> c.withTimeout(timeout));
        }
        if (m.enabled("Bulkhead")) {
            any = true;
            int limit = m.integer("Bulkhead", "value");
            configure = then(configure, c -> c.withBulkhead(limit));
        }
        return any ? Optional.of(configure) : Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static UnaryOperator<PolicyConfig> retry(MemberValues m) {
        int maxRetries = m.integer("Retry", "maxRetries");
        Duration delay = m.duration("Retry", "delay", "delayUnit");
        Duration jitter = m.duration("Retry", "jitter", "jitterDelayUnit");
        Class<? extends Throwable>[] retryOn = m.types("Retry", "retryOn").toArray(Class[]::new);
        Class<? extends Throwable>[] abortOn = m.types("Retry", "abortOn").toArray(Class[]::new);
        boolean backoff = m.enabled("ExponentialBackoff");
        int factor = backoff ? m.integer("ExponentialBackoff", "factor") : 1;
        Duration maxDelay = backoff ? m.duration("ExponentialBackoff", "maxDelay", "maxDelayUnit") : null;
        return c -> c.withRetry(r -> {
            PolicyConfig.Retry retry = r.withMaxRetries(maxRetries).withDelay(delay).withJitter(jitter)
                    .withRetryOn(retryOn).withAbortOn(abortOn);
            return backoff ? retry.withExponentialBackoff(factor, maxDelay) : retry;
        });
    }

    private static UnaryOperator<PolicyConfig> then(UnaryOperator<PolicyConfig> first, UnaryOperator<PolicyConfig> next) {
        return c -> next.apply(first.apply(c));
    }
}
