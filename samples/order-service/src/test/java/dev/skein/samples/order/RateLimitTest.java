package dev.skein.samples.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Past the {@code orders-in} rate limit (here 3 a minute) an order is answered 429 with {@code Retry-After}. */
@QuarkusTest
@TestProfile(RateLimitTest.ThreeAMinute.class)
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RateLimitTest {

    /** A rate limit a test can pass with a few orders. */
    public static class ThreeAMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.skein.policy.orders-in.rate-limit.value", "3",
                    "quarkus.skein.policy.orders-in.rate-limit.window", "60000");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void theFourthOrderOfTheMinuteIsTooMany() throws Exception {
        Shop.reset(10);

        List<Shop.Answer> answers = Shop.concurrently(5, () -> Shop.order(1));

        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(3);
        List<Shop.Answer> refused = answers.stream().filter(a -> a.status() == 429).toList();
        assertThat(refused).hasSize(2);
        for (Shop.Answer tooMany : refused) {
            long retryAfter = Long.parseLong(tooMany.response().headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 60L);
        }
        assertThat(new Db(dataSource).stock(Shop.SKU))
                .as("refused orders took nothing").isEqualTo(7);
    }
}
