package dev.skein.quarkus.test.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A critical breaker that names no policy with a circuit breaker (a typo, or a policy without one) fails the
 * start, naming the key, the wrong names and the breakers there are.
 */
class UnknownCriticalBreakerTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = Health.app()
            .overrideConfigKey("quarkus.skein.policy.payment.circuit-breaker.enabled", "true")
            .overrideConfigKey("quarkus.skein.policy.audit.retry.max-retries", "1")
            .overrideConfigKey("quarkus.skein.health.critical-breakers", "paymnet,audit,payment")
            .assertException(e -> assertThat(e).hasMessageContaining("quarkus.skein.health.critical-breakers names "
                    + "['paymnet', 'audit'], which are not a named policy with a circuit breaker; the breakers defined at"
                    + " start-up are ['payment']"));

    @Test
    void theStartFails() {
        fail("the application should not have started");
    }
}
