package dev.skein.quarkus.test.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.SkeinScope;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A scope name in quarkus.skein.scope that no @SkeinScope opens fails the start, naming the key and the scopes. */
class UnknownScopeNameTest {

    @ApplicationScoped
    public static class Shop {
        @SkeinScope(name = "checkout")
        public String pay() {
            return "paid";
        }

        @SkeinScope
        public String browse() {
            return "browsed";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Shop.class))
            .overrideConfigKey("quarkus.skein.scope.chekout.timeout", "1s")
            .assertException(e -> assertThat(e).hasMessageContaining("quarkus.skein.scope.\"chekout\"")
                    .hasMessageContaining("names no @SkeinScope scope").hasMessageContaining("['Shop.browse', 'checkout']"));

    @Test
    void theStartFails() {
        fail("the application should not have started");
    }
}
