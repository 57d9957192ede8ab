package dev.skein.quarkus.test.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A header name that is no HTTP token fails the start, naming the key, the value and what a name may hold. */
class BadHeaderNameTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = HttpApp.app().overrideConfigKey("quarkus.skein.http.header", "Budget: ms")
            .assertException(e -> assertThat(e).hasMessageContaining("quarkus.skein.http.header")
                    .hasMessageContaining("\"Budget: ms\" is not an HTTP header name")
                    .hasMessageContaining("letters, digits and"));

    @Test
    void theStartFails() {
        fail("the application should not have started");
    }
}
