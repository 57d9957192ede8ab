package dev.skein.quarkus.test.sharedlimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.test.StartUpFailures;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shared rate limit set where only the running application sees it (an environment variable, say) is checked at
 * start-up: without a {@code RateLimitStore} bean the start fails, as the build would have; so does a fail direction
 * for a limit that is not shared.
 */
class SharedLimitSetAtRunTimeTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.skein.policy.payment.rate-limit.value", "50")
            .overrideRuntimeConfigKey("quarkus.skein.policy.payment.rate-limit.shared", "true")
            .overrideConfigKey("quarkus.skein.policy.audit.rate-limit.shared-fail", "closed")
            .assertException(e -> {
                assertThat(StartUpFailures.configurationProblem(e))
                        .contains("Skein: the named policies of quarkus.skein.policy have 2 problems")
                        .contains("quarkus.skein.policy.\"payment\".rate-limit.shared=true, but the application has no CDI"
                                + " bean of type dev.skein.policy.RateLimitStore")
                        .contains("quarkus.skein.policy.\"audit\".rate-limit.shared-fail is set, but the rate limit is not"
                                + " shared: add quarkus.skein.policy.\"audit\".rate-limit.shared=true, or remove it");
            });

    @Test
    void startUpFails() {
        fail("the application should not have started");
    }
}
