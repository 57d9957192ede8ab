package dev.skein.samples.order;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;

/** {@link ConcurrentOrdersContract} with the {@code optimistic} strategy (a version column, retried by {@code stock-retry}). */
@QuarkusTest
@TestProfile(OptimisticOrdersTest.Optimistic.class)
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OptimisticOrdersTest extends ConcurrentOrdersContract {

    /** Chooses the optimistic strategy. */
    public static class Optimistic implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sample.inventory.strategy", "optimistic");
        }
    }
}
