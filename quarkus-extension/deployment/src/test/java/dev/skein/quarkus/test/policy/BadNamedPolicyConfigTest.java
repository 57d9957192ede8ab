package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.runtime.configuration.ConfigurationException;
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
                Throwable cause = e;
                while (cause != null && !(cause instanceof ConfigurationException)) {
                    cause = cause.getCause();
                }
                assertThat(cause).as("a ConfigurationException in %s", e).isNotNull();
                assertThat(cause.getMessage())
                        .contains("Skein: the named policies of quarkus.skein.policy have 2 problems")
                        .contains("quarkus.skein.policy.\"payment\": retry.maxRetries must be 0 or more, was -1")
                        .contains("quarkus.skein.policy.\"orphan\".exponential-backoff is set, but the policy has no retry");
            });

    @Test
    void startUpFails() {
        fail("the application should not have started");
    }
}
