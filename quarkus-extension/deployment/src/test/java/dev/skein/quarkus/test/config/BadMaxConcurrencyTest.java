package dev.skein.quarkus.test.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A default cap the core refuses fails the start, naming the key and why. */
class BadMaxConcurrencyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(SlowGraph.class))
            .overrideConfigKey("quarkus.skein.max-concurrency", "0")
            .assertException(e -> assertThat(e)
                    .hasMessageContaining("quarkus.skein.max-concurrency: maxConcurrency must be at least 1, was 0"));

    @Test
    void theStartFails() {
        fail("the application should not have started");
    }
}
