package dev.skein.quarkus.test.sharedlimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.policy.PolicyConfig;
import dev.skein.policy.RateLimitStore;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two {@code RateLimitStore} beans leave a shared rate limit without one store to count it in: the build fails,
 * naming them.
 */
class TwoRateLimitStoresTest {

    @Singleton
    public static class Another implements RateLimitStore {
        @Override
        public long tryAcquire(String name, PolicyConfig.RateLimit limit) {
            return 0;
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(InMemoryRateLimitStore.class, Another.class))
            .overrideConfigKey("quarkus.skein.policy.payment.rate-limit.shared", "true")
            .assertException(e -> assertThat(e).isInstanceOf(DefinitionException.class)
                    .hasMessageContaining("quarkus.skein.policy.\"payment\".rate-limit.shared=true, but the application"
                            + " has 2 CDI beans of type dev.skein.policy.RateLimitStore (with no qualifier)")
                    .hasMessageContaining(Another.class.getName())
                    .hasMessageContaining("keep one, or give the others a qualifier"));

    @Test
    void theBuildFails() {
        fail("the application should not have started");
    }
}
