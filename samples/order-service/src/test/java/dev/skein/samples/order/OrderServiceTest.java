package dev.skein.samples.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The order's own compensations: what {@code create order}'s uncertain compensation leaves. */
@QuarkusTest
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OrderServiceTest {

    @Inject
    OrderService orders;

    @Inject
    DataSource dataSource;

    @Test
    void anOrderThatWasWrittenIsMarkedFailed() {
        PlaceOrderCommand command = new PlaceOrderCommand(UUID.randomUUID().toString(), "sku-1", 2, null);
        orders.create(command);

        assertThat(orders.failIfWritten(command, "undone")).isTrue();

        assertThat(new Db(dataSource).one("select status || ' ' || reason from orders where id = ?", command.orderId()))
                .isEqualTo("FAILED undone");
    }

    @Test
    void anOrderThatWasNotWrittenStaysUnwritten() {
        PlaceOrderCommand command = new PlaceOrderCommand(UUID.randomUUID().toString(), "sku-1", 2, null);

        assertThat(orders.failIfWritten(command, "undone")).isFalse();

        assertThat(new Db(dataSource).count("select count(*) from orders where id = ?", command.orderId())).isZero();
        // the order can still be written afterwards: nothing of the claim is left
        orders.create(command);
        assertThat(orders.find(command.orderId())).isPresent();
    }
}
