package dev.skein.quarkus.test.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A graph name as long as a configuration key may be (SmallRye Config refuses keys past 2,048 characters) fails
 * the start with a message of a few hundred characters.
 */
class LongGraphNameTest {

    static final String HUGE = "g".repeat(2_000);

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(SlowGraph.class))
            .overrideConfigKey("quarkus.skein.graph.\"" + HUGE + "\".timeout", "1s")
            .assertException(e -> {
                assertThat(e).hasMessageContaining("quarkus.skein.graph.\"ggg")
                        .hasMessageContaining("more chars").hasMessageContaining("names no graph");
                assertThat(e.getMessage()).hasSizeLessThan(1_000);
            });

    @Test
    void theStartFails() {
        fail("the application should not have started");
    }
}
