package dev.skein.quarkus.test.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A graph name in quarkus.skein.graph that the application does not have fails the start, naming the key. */
class UnknownGraphNameTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(SlowGraph.class))
            .overrideConfigKey("quarkus.skein.graph.\"configred\".timeout", "1s")
            .assertException(e -> assertThat(e).hasMessageContaining("quarkus.skein.graph.\"configred\"")
                    .hasMessageContaining("names no graph").hasMessageContaining("['configured']"));

    @Test
    void theStartFails() {
        fail("the application should not have started");
    }
}
