package dev.skein.quarkus.test.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A task name as long as a configuration key may be (SmallRye Config refuses keys past 2,048 characters) fails
 * the start with a message of a few hundred characters.
 */
class LongTaskNameTest {

    static final String HUGE = "t".repeat(2_000);

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(SlowGraph.class))
            .overrideConfigKey("quarkus.skein.graph.configured.task.\"" + HUGE + "\".timeout", "1s")
            .assertException(e -> {
                assertThat(e).hasMessageContaining("quarkus.skein.graph.\"configured\".task.\"ttt")
                        .hasMessageContaining("more chars").hasMessageContaining("names no task");
                assertThat(e.getMessage()).hasSizeLessThan(1_000);
            });

    @Test
    void theStartFails() {
        fail("the application should not have started");
    }
}
