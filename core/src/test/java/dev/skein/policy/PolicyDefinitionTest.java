package dev.skein.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.GraphDefinitionException;
import dev.skein.PolicyDefinitionException;
import dev.skein.graph.Graph;
import dev.skein.graph.TaskKey;
import io.smallrye.faulttolerance.api.RateLimitType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Building policies: every bad parameter named at once; named policies; overrides from configuration. */
class PolicyDefinitionTest {

    @AfterEach
    void forget() {
        Policies.remove("payment");
        Policies.useOverrides(OverrideSource.systemProperties());
    }

    @Test
    void everyBadParameterIsNamedAtOnce() {
        assertThatThrownBy(() -> Policies.define("payment", p -> p
                .withRetry(r -> r.withMaxRetries(-1).withDelay(Duration.ofMillis(-5)))
                .withCircuitBreaker(cb -> cb.withFailureRatio(1.5))
                .withRateLimit(rl -> rl.withLimit(0))
                .withBulkhead(0)))
                .isInstanceOfSatisfying(PolicyDefinitionException.class, e -> assertThat(e.problems()).containsExactly(
                        "retry.maxRetries must be 0 or more, was -1: it counts the retries after the first attempt "
                                + "(MicroProfile's -1, forever, is left to the deadline)",
                        "retry.delay must be 0 or more and less than 1 day, was PT-0.005S: SmallRye ends a retry after "
                                + "a day (Skein leaves the real bound to the deadline)",
                        "circuitBreaker.failureRatio must be between 0 and 1, was 1.5: it is the share of failed calls "
                                + "that opens the breaker",
                        "rateLimit.limit must be 1 or more, was 0: it is the number of calls per window",
                        "bulkhead must be from 1 to 2147483637, was 0: it is the most calls at once, and SmallRye adds "
                                + "its queue of 10 to it in an int"))
                .hasMessageStartingWith("policy 'payment' has 5 problems:");
        assertThat(Policies.find("payment")).isEmpty();
    }

    @Test
    void durationsSmallRyeCannotTakeAreRejectedWhenBuilt() {
        assertThatThrownBy(() -> Policy.of(p -> p.withTimeout(Duration.ofNanos(500))
                .withRetry(r -> r.withDelay(Duration.ofDays(2)))))
                .isInstanceOfSatisfying(PolicyDefinitionException.class, e -> assertThat(e.problems()).containsExactly(
                        "retry.delay must be 0 or more and less than 1 day, was PT48H: SmallRye ends a retry after a "
                                + "day (Skein leaves the real bound to the deadline)",
                        "timeout must be at least 1 ms and at most 9223372036854775807 ms (about 292 million years), "
                                + "was PT0.0000005S: SmallRye counts whole milliseconds in a long; leave the timeout out "
                                + "for none"));
    }

    @Test
    void aNamedPolicyIsDefinedOnceAndFoundByName() {
        Policy payment = Policies.define("payment", p -> p.withBulkhead(5));
        assertThat(Policies.get("payment")).isSameAs(payment);
        assertThat(Policies.all()).contains(payment);
        assertThatThrownBy(() -> Policies.define("payment", p -> p))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("policy 'payment' is already defined");
        assertThatThrownBy(() -> Policies.get("shipping"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no policy 'shipping' is defined: define it with Policies.define(\"shipping\", ...) first");
    }

    @Test
    void configurationOverridesEveryParameterWithSmallRyesKeyNames() {
        Map<String, String> config = Map.of(
                "skein.policy.payment.retry.max-retries", "7",
                "skein.policy.payment.retry.delay", "2",
                "skein.policy.payment.retry.delay-unit", "seconds",
                "skein.policy.payment.circuit-breaker.failure-ratio", "0.25",
                "skein.policy.payment.rate-limit.value", "40",
                "skein.policy.payment.rate-limit.type", "rolling",
                "skein.policy.payment.timeout.value", "3",
                "skein.policy.payment.timeout.unit", "seconds",
                "skein.policy.payment.bulkhead.enabled", "false");
        Policies.useOverrides(new MapOverrides(config));
        PolicyConfig c = Policies.define("payment", p -> p
                .withRetry(r -> r.withMaxRetries(3))
                .withCircuitBreaker(cb -> cb)
                .withRateLimit(rl -> rl.withLimit(100))
                .withTimeout(Duration.ofMillis(500))
                .withBulkhead(10)).config();
        assertThat(c.retry().orElseThrow().maxRetries()).isEqualTo(7);
        assertThat(c.retry().orElseThrow().delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.circuitBreaker().orElseThrow().failureRatio()).isEqualTo(0.25);
        assertThat(c.rateLimit().orElseThrow().limit()).isEqualTo(40);
        assertThat(c.rateLimit().orElseThrow().type()).isEqualTo(RateLimitType.ROLLING);
        assertThat(c.timeout()).contains(Duration.ofSeconds(3));
        assertThat(c.bulkhead()).isEmpty();
    }

    @Test
    void aBadOverrideIsRejectedNamingItsKey() {
        Map<String, String> config = Map.of("skein.policy.payment.circuit-breaker.failure-ratio", "often",
                "skein.policy.payment.retry.max-retries", "-2");
        Policies.useOverrides(new MapOverrides(config));
        assertThatThrownBy(() -> Policies.define("payment", p -> p.withRetry(r -> r).withCircuitBreaker(cb -> cb)))
                .isInstanceOfSatisfying(PolicyDefinitionException.class, e -> assertThat(e.problems()).containsExactly(
                        "skein.policy.payment.circuit-breaker.failure-ratio must be a number, was 'often'",
                        "retry.maxRetries must be 0 or more, was -2: it counts the retries after the first attempt "
                                + "(MicroProfile's -1, forever, is left to the deadline)"));
    }

    @Test
    void aGraphNamingAnUndefinedPolicyDoesNotBuild() {
        TaskKey<String> charge = TaskKey.of("charge", String.class);
        assertThatThrownBy(() -> Graph.builder("g", Void.class)
                .task(charge, in -> "ok", t -> t.withPolicy("payment"))
                .build())
                .isInstanceOfSatisfying(GraphDefinitionException.class, e -> assertThat(e.problems()).containsExactly(
                        "task 'charge' uses policy 'payment', which is not defined: define it with "
                                + "Policies.define(\"payment\", ...) before building the graph"));
    }

    @Test
    void policyNamesCannotBreakConfigurationKeys() {
        assertThatThrownBy(() -> Policies.define("pay.ment", p -> p)).isInstanceOf(IllegalArgumentException.class);
    }
}
