package dev.skein.samples.order;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** {@link ConcurrentOrdersContract} with the default strategy, {@code pessimistic} ({@code SELECT ... FOR UPDATE}). */
@QuarkusTest
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PessimisticOrdersTest extends ConcurrentOrdersContract {
}
