package dev.skein.quarkus.test.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cancellation grace outside 10 ms to a day fails the start, naming the key. */
class BadGraceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(SlowGraph.class))
            .overrideConfigKey("quarkus.skein.cancellation-grace", "1ms")
            .assertException(e -> assertThat(e).hasMessageContaining("quarkus.skein.cancellation-grace")
                    .hasMessageContaining("between 10 ms"));

    @Test
    void theStartFails() {
        fail("the application should not have started");
    }
}
