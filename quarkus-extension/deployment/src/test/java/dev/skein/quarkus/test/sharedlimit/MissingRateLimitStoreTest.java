package dev.skein.quarkus.test.sharedlimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.spi.DefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A shared rate limit, in the configuration the build sees, with no {@code RateLimitStore} bean fails the build,
 * saying how to produce one.
 */
class MissingRateLimitStoreTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.skein.policy.payment.rate-limit.value", "50")
            .overrideConfigKey("quarkus.skein.policy.payment.rate-limit.shared", "true")
            .assertException(e -> assertThat(e).isInstanceOf(DefinitionException.class)
                    .hasMessageContaining("quarkus.skein.policy.\"payment\".rate-limit.shared=true, but the application"
                            + " has no CDI bean of type dev.skein.policy.RateLimitStore")
                    .hasMessageContaining("@Produces @Singleton RateLimitStore rateLimitStore(AgroalDataSource"
                            + " dataSource) { return PostgresRateLimitStore.of(dataSource); }"));

    @Test
    void theBuildFails() {
        fail("the application should not have started");
    }
}
