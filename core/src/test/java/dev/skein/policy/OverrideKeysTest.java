package dev.skein.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.PolicyDefinitionException;
import dev.skein.internal.Text;
import io.smallrye.faulttolerance.api.RateLimitType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every key set under {@code skein.policy.<name>.} must change something: typos and keys of absent strategies fail the definition. */
class OverrideKeysTest {

    private static final List<String> TYPOS = List.of("skein.policy.typos.retry.max-retry",
            "skein.policy.typos.retry.maxRetries", "skein.policy.typos.circuitbreaker.delay");

    @AfterEach
    void forget() {
        TYPOS.forEach(System::clearProperty);
        List.of("typos", "payment", "pay").forEach(Policies::remove);
        Policies.useOverrides(OverrideSource.systemProperties());
    }

    @Test
    void misspelledKeysFailTheDefinitionNamingTheNearestKnownKey() {
        TYPOS.forEach(key -> System.setProperty(key, "5"));
        assertThatThrownBy(() -> Policies.define("typos", p -> p.withRetry(r -> r).withCircuitBreaker(cb -> cb)))
                .isInstanceOfSatisfying(PolicyDefinitionException.class, e -> assertThat(e.problems()).containsExactly(
                        "skein.policy.typos.circuitbreaker.delay is not a key Skein knows: did you mean circuit-breaker.delay?",
                        "skein.policy.typos.retry.max-retry is not a key Skein knows: did you mean retry.max-retries?",
                        "skein.policy.typos.retry.maxRetries is not a key Skein knows: did you mean retry.max-retries?"));
        assertThat(Policies.find("typos")).isEmpty();
    }

    @Test
    void aKeyOfAStrategyThePolicyDoesNotHaveIsReported() {
        Policies.useOverrides(new MapOverrides(Map.of(
                "skein.policy.payment.bulkhead.value", "5",
                "skein.policy.payment.timeout.enabled", "true",
                "skein.policy.payment.rate-limit.enabled", "false", // true: it has none
                "skein.policy.payment.exponential-backoff.factor", "2")));
        assertThatThrownBy(() -> Policies.define("payment", p -> p.withCircuitBreaker(cb -> cb)))
                .isInstanceOfSatisfying(PolicyDefinitionException.class, e -> assertThat(e.problems()).containsExactly(
                        absent("bulkhead.value", "bulkhead"),
                        absent("exponential-backoff.factor", "retry"),
                        absent("timeout.enabled", "timeout")));
    }

    @Test
    void keysOfAStrategyTurnedOffAreAccepted() {
        Policies.useOverrides(new MapOverrides(Map.of(
                "skein.policy.payment.retry.enabled", "false",
                "skein.policy.payment.retry.max-retries", "5",
                "skein.policy.payment.retry.delay-unit", "seconds")));
        Policy payment = Policies.define("payment", p -> p.withRetry(r -> r.withMaxRetries(1)).withBulkhead(2));
        assertThat(payment.config().retry()).isEmpty();
        assertThat(payment.config().bulkhead()).contains(2);
    }

    @Test
    void aUnitWithoutItsValueIsReported() {
        Policies.useOverrides(new MapOverrides(Map.of("skein.policy.payment.retry.delay-unit", "seconds")));
        assertThatThrownBy(() -> Policies.define("payment", p -> p.withRetry(r -> r.withDelay(Duration.ofMillis(100)))))
                .isInstanceOfSatisfying(PolicyDefinitionException.class, e -> assertThat(e.problems()).containsExactly(
                        "skein.policy.payment.retry.delay-unit is set but skein.policy.payment.retry.delay is not: a "
                                + "unit applies only to a value set in configuration; set both, or remove the unit"));
    }

    @Test
    void everyKnownKeyIsReadAndAccepted() {
        Map<String, String> config = new HashMap<>();
        String[] keysAndValues = {"retry.enabled", "true", "retry.max-retries", "2", "retry.delay", "10",
            "retry.delay-unit", "millis", "retry.jitter", "5", "retry.jitter-delay-unit", "millis",
            "exponential-backoff.factor", "3", "exponential-backoff.max-delay", "1", "exponential-backoff.max-delay-unit", "seconds",
            "circuit-breaker.enabled", "true", "circuit-breaker.request-volume-threshold", "4",
            "circuit-breaker.failure-ratio", "0.25", "circuit-breaker.delay", "3", "circuit-breaker.delay-unit", "seconds",
            "circuit-breaker.success-threshold", "2",
            "rate-limit.enabled", "true", "rate-limit.value", "7", "rate-limit.window", "2", "rate-limit.window-unit", "seconds",
            "rate-limit.min-spacing", "1", "rate-limit.min-spacing-unit", "millis", "rate-limit.type", "smooth",
            "rate-limit.wait-for-permit", "true",
            "timeout.enabled", "true", "timeout.value", "2", "timeout.unit", "seconds",
            "bulkhead.enabled", "true", "bulkhead.value", "3"};
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put("skein.policy.payment." + keysAndValues[i], keysAndValues[i + 1]);
        }
        assertThat(config.keySet()).hasSize(OverrideKeys.KEYS.size()); // every key Skein knows, once
        Policies.useOverrides(new MapOverrides(config));
        PolicyConfig c = Policies.define("payment", p -> p.withRetry(r -> r).withCircuitBreaker(cb -> cb)
                .withRateLimit(rl -> rl).withTimeout(Duration.ofSeconds(1)).withBulkhead(10)).config();
        assertThat(c.retry()).contains(new PolicyConfig.Retry(2, Duration.ofMillis(10), Duration.ofMillis(5), 3,
                Duration.ofSeconds(1), List.of(Exception.class), List.of()));
        assertThat(c.circuitBreaker()).contains(new PolicyConfig.CircuitBreaker(4, 0.25, Duration.ofSeconds(3), 2));
        assertThat(c.rateLimit()).contains(new PolicyConfig.RateLimit(7, Duration.ofSeconds(2), Duration.ofMillis(1),
                RateLimitType.SMOOTH, true));
        assertThat(c.timeout()).contains(Duration.ofSeconds(2));
        assertThat(c.bulkhead()).contains(3);
    }

    @Test
    void anotherPolicysKeysAreNotThisOnes() {
        Policies.useOverrides(new MapOverrides(Map.of("skein.policy.payment.retry.max-retry", "5")));
        assertThat(Policies.define("pay", p -> p.withRetry(r -> r)).config().retry().orElseThrow().maxRetries()).isEqualTo(3);
    }

    @Test
    void manyLongUnknownKeysAreReportedInBoundedSpace() {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            config.put("skein.policy.payment.x" + i + "y".repeat(10_000), "1");
        }
        Policies.useOverrides(new MapOverrides(config));
        assertThatThrownBy(() -> Policies.define("payment", p -> p.withRetry(r -> r)))
                .isInstanceOfSatisfying(PolicyDefinitionException.class, e -> {
                    assertThat(e.problems()).hasSize(OverrideKeys.MOST_REPORTED + 1);
                    assertThat(e.problems()).allSatisfy(problem -> assertThat(problem).hasSizeLessThan(Text.MAX_NAME * 2));
                    assertThat(e.problems().getLast()).isEqualTo("and 980 more keys under skein.policy.payment. that "
                            + "change nothing, as above");
                });
    }

    @Test
    void theSystemPropertiesListTheirKeysUnderAPrefix() {
        System.setProperty(TYPOS.getFirst(), "5");
        assertThat(OverrideSource.systemProperties().keys("skein.policy.typos.")).containsExactly(TYPOS.getFirst());
        assertThat(OverrideSource.systemProperties().value(TYPOS.getFirst())).isEqualTo(Optional.of("5"));
    }

    private static String absent(String property, String strategy) {
        return "skein.policy.payment." + property + " overrides the " + strategy + ", which policy 'payment' does not "
                + "have: configuration changes or turns off a strategy defined in code, never adds one; add it to the "
                + "definition, or remove the key";
    }
}
