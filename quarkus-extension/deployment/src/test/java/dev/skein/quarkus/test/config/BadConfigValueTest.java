package dev.skein.quarkus.test.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A value the core refuses fails the start, naming its key and why. */
class BadConfigValueTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(SlowGraph.class))
            .overrideConfigKey("quarkus.skein.graph.configured.task.start.compensation-retries", "99")
            .assertException(e -> assertThat(e)
                    .hasMessageContaining("quarkus.skein.graph.\"configured\".task.\"start\".compensation-retries")
                    .hasMessageContaining("between 0 and 40"));

    @Test
    void theStartFails() {
        fail("the application should not have started");
    }
}
