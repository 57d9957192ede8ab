package dev.skein.samples.order.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.samples.order.CreatedOrder;
import dev.skein.samples.order.Db;
import dev.skein.samples.order.OrderService;
import dev.skein.samples.order.PlaceOrderCommand;
import dev.skein.samples.order.PaymentServiceProcess;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Reserving and releasing are idempotent per order: the saga may repeat either. */
@QuarkusTest
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
class InventoryTest {

    @Inject
    Inventory inventory;

    @Inject
    OrderService orders;

    @Inject
    DataSource dataSource;

    @Test
    void reservingTwiceForOneOrderTakesStockOnce() {
        inventory.setStock("sku-1", 10);
        CreatedOrder order = orders.create(new PlaceOrderCommand(UUID.randomUUID().toString(), "sku-1", 3, null));

        Reservation first = inventory.reserve(order.id(), "sku-1", 3);
        Reservation again = inventory.reserve(order.id(), "sku-1", 3);

        assertThat(again).isEqualTo(first);
        assertThat(new Db(dataSource).stock("sku-1")).isEqualTo(7);
    }

    @Test
    void releasingTwicePutsStockBackOnce() {
        inventory.setStock("sku-1", 10);
        CreatedOrder order = orders.create(new PlaceOrderCommand(UUID.randomUUID().toString(), "sku-1", 4, null));
        inventory.reserve(order.id(), "sku-1", 4);

        assertThat(inventory.release(order.id())).isTrue();
        assertThat(inventory.release(order.id())).isFalse();

        Db db = new Db(dataSource);
        assertThat(db.stock("sku-1")).isEqualTo(10);
        assertThat(db.one("select status from stock_reservation where order_id = ?", order.id())).isEqualTo("RELEASED");
    }

    @Test
    void releasingWhatWasNeverReservedChangesNothing() {
        inventory.setStock("sku-1", 10);

        assertThat(inventory.release("no-such-order")).isFalse();
        assertThat(new Db(dataSource).stock("sku-1")).isEqualTo(10);
    }

    @Test
    void anUncertainReleaseOfACommittedReservationPutsItsStockBackOnce() {
        inventory.setStock("sku-1", 10);
        CreatedOrder order = orders.create(new PlaceOrderCommand(UUID.randomUUID().toString(), "sku-1", 4, null));
        inventory.reserve(order.id(), "sku-1", 4);

        assertThat(inventory.releaseUncertain(order.id(), "sku-1")).isTrue();
        assertThat(inventory.releaseUncertain(order.id(), "sku-1")).isFalse();

        assertThat(new Db(dataSource).stock("sku-1")).isEqualTo(10);
    }

    @Test
    void anUncertainReleaseOfNothingLeavesAClaimOnWhichALateReservationTakesNothing() {
        inventory.setStock("sku-1", 10);
        CreatedOrder order = orders.create(new PlaceOrderCommand(UUID.randomUUID().toString(), "sku-1", 4, null));

        assertThat(inventory.releaseUncertain(order.id(), "sku-1")).isFalse();
        inventory.reserve(order.id(), "sku-1", 4);

        Db db = new Db(dataSource);
        assertThat(db.stock("sku-1")).isEqualTo(10);
        assertThat(db.one("select status || ' ' || quantity from stock_reservation where order_id = ?", order.id()))
                .isEqualTo("RELEASED 0");
    }

    @Test
    void notEnoughStockIsRefusedAndTakesNothing() {
        inventory.setStock("sku-1", 1);
        CreatedOrder order = orders.create(new PlaceOrderCommand(UUID.randomUUID().toString(), "sku-1", 2, null));

        assertThatThrownBy(() -> inventory.reserve(order.id(), "sku-1", 2)).isInstanceOf(OutOfStockException.class);
        Db db = new Db(dataSource);
        assertThat(db.stock("sku-1")).isEqualTo(1);
        assertThat(db.count("select count(*) from stock_reservation where order_id = ?", order.id())).isZero();
    }
}
