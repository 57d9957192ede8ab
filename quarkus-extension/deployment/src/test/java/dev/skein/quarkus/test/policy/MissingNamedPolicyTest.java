package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.Task;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A task naming a policy the configuration does not have fails the build, saying which key to add. */
class MissingNamedPolicyTest {

    @ApplicationScoped
    public static class Payments {
        @Task(policy = "nowhere")
        String charge() {
            return "charged";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Payments.class))
            .overrideConfigKey("quarkus.skein.policy.\"payment\".retry.max-retries", "2")
            .assertException(e -> assertThat(e).isInstanceOf(DefinitionException.class)
                    .hasMessageContaining(Payments.class.getName() + "#charge()")
                    .hasMessageContaining("names policy 'nowhere', which is not configured")
                    .hasMessageContaining("quarkus.skein.policy.\"nowhere\".retry.max-retries=3")
                    .hasMessageContaining("configured: [payment]"));

    @Test
    void theBuildFails() {
        fail("the application should not have started");
    }
}
