package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.test.StartUpFailures;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A named policy the core refuses fails start-up, every problem of every policy at once, naming their keys. */
class BadNamedPolicyConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.skein.policy.payment.retry.max-retries", "-1")
            .overrideConfigKey("quarkus.skein.policy.orphan.exponential-backoff.factor", "2")
            .assertException(e -> {
                assertThat(StartUpFailures.configurationProblem(e))
                        .contains("Skein: the named policies of quarkus.skein.policy have 2 problems")
                        .contains("quarkus.skein.policy.\"payment\": retry.maxRetries must be 0 or more, was -1")
                        .contains("quarkus.skein.policy.\"orphan\".exponential-backoff is set, but the policy has no retry");
            });

    @Test
    void startUpFails() {
        fail("the application should not have started");
    }
}
