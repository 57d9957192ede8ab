package dev.skein.samples.order;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Tag;

/** {@link ConcurrentOrdersContract} with the {@code redis-lock} strategy; needs Redis (profile {@code postgres}). */
@QuarkusTest
@Tag("postgres")
@TestProfile(RedisLockOrdersTest.RedisLock.class)
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RedisLockOrdersTest extends ConcurrentOrdersContract {

    /** Chooses the redis-lock strategy. */
    public static class RedisLock implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sample.inventory.strategy", "redis-lock");
        }
    }
}
