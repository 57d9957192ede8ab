package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.GraphFailedException;
import dev.skein.policy.Policies;
import dev.skein.policy.PolicyConfig;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.policy.NamedPolicyTasks.Charge;
import dev.skein.quarkus.test.policy.NamedPolicyTasks.Reserve;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Named policies come from {@code quarkus.skein.policy."<name>".*}, defined before the graphs that name them. */
class NamedPolicyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(NamedPolicyTasks.class, Charge.class, Reserve.class, Attempts.class))
            .overrideConfigKey("quarkus.skein.policy.\"payment\".retry.max-retries", "2")
            .overrideConfigKey("quarkus.skein.policy.\"payment\".circuit-breaker.request-volume-threshold", "50")
            .overrideConfigKey("quarkus.skein.policy.\"payment\".timeout.value", "5")
            .overrideConfigKey("quarkus.skein.policy.\"payment\".timeout.unit", "seconds")
            .overrideConfigKey("quarkus.skein.policy.inventory.bulkhead.value", "3") // a name without dots needs no quotes
            .overrideConfigKey("quarkus.skein.policy.inventory.retry.enabled", "false")
            .overrideConfigKey("skein.policy.in-code.retry.max-retries", "1");

    @Inject
    @Identifier("charge")
    SkeinGraph<Void, String> charge;
    @Inject
    Charge chargeTask;
    @Inject
    @Identifier("reserve")
    SkeinGraph<Void, String> reserve;
    @Inject
    Reserve reserveTask;

    @Test
    void theConfiguredPolicyHasTheConfiguredStrategiesAndValues() {
        PolicyConfig payment = Policies.get("payment").config();
        assertThat(payment.retry()).get().extracting(PolicyConfig.Retry::maxRetries).isEqualTo(2);
        assertThat(payment.circuitBreaker()).get().extracting(PolicyConfig.CircuitBreaker::requestVolumeThreshold)
                .isEqualTo(50);
        assertThat(payment.timeout()).contains(Duration.ofSeconds(5));
        assertThat(payment.rateLimit()).isEmpty();
        assertThat(payment.bulkhead()).isEmpty();
    }

    @Test
    void aTaskNamingThePolicyRunsThroughIt() {
        assertThatThrownBy(() -> charge.run(null)).isInstanceOf(GraphFailedException.class).cause()
                .hasMessage("charge attempt 3");
        assertThat(chargeTask.attempts()).isEqualTo(3);
    }

    @Test
    void enabledFalseRemovesAStrategyAndAFallbackMayStayBesideThePolicy() throws Exception {
        PolicyConfig inventory = Policies.get("inventory").config();
        assertThat(inventory.retry()).isEmpty();
        assertThat(inventory.bulkhead()).contains(3);
        assertThat(reserve.run(null)).isEqualTo("back order");
        assertThat(reserveTask.attempts()).isEqualTo(1);
    }

    @Test
    void aPolicyDefinedInCodeReadsTheCoresKeysFromTheConfiguration() {
        try {
            PolicyConfig inCode = Policies.define("in-code", p -> p.withRetry(r -> r.withMaxRetries(9))).config();
            assertThat(inCode.retry()).get().extracting(PolicyConfig.Retry::maxRetries).isEqualTo(1);
        } finally {
            Policies.remove("in-code");
        }
    }
}
