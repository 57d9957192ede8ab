package dev.skein.samples.order.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.samples.order.CreatedOrder;
import dev.skein.samples.order.OrderService;
import dev.skein.samples.order.PlaceOrderCommand;
import dev.skein.samples.order.inventory.Inventory;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The uncertain release of stock against a reservation still committing on the server, as a reserve cut short leaves
 * it: a virtual thread interrupted in a socket call closes its connection, and PostgreSQL goes on with the transaction
 * it had received. A release that only looked for the reservation would miss it and leave the stock held for a failed
 * order; this one waits for the transaction and then undoes what it did, or makes sure it cannot land.
 */
@QuarkusTest
@TestProfile(OnPostgres.Pessimistic.class)
@Tag("postgres")
class UncertainReleaseOnPostgresTest {

    @Inject
    Inventory inventory;

    @Inject
    OrderService orders;

    @Test
    void aReservationThatCommitsWhileTheReleaseWaitsIsReleased() throws Exception {
        CreatedOrder order = orderWithStock(10);
        try (Connection reserving = reservationInFlight(order)) {
            CompletableFuture<Boolean> release = releaseOnAThreadOfItsOwn(order);
            awaitReleaseWaitingForTheReservation();
            assertThat(release).isNotDone();

            reserving.commit();

            assertThat(release.get(10, TimeUnit.SECONDS)).as("this call put stock back").isTrue();
        }
        assertThat(stock()).isEqualTo(10);
        assertThat(reservation(order)).isEqualTo("RELEASED 1");
    }

    @Test
    void aReservationThatRollsBackWhileTheReleaseWaitsCanNoLongerLand() throws Exception {
        CreatedOrder order = orderWithStock(10);
        try (Connection reserving = reservationInFlight(order)) {
            CompletableFuture<Boolean> release = releaseOnAThreadOfItsOwn(order);
            awaitReleaseWaitingForTheReservation();

            reserving.rollback();

            assertThat(release.get(10, TimeUnit.SECONDS)).as("this call put stock back").isFalse();
        }
        assertThat(stock()).isEqualTo(10);
        assertThat(reservation(order)).as("the claim, holding nothing").isEqualTo("RELEASED 0");
        // a reservation for the order arriving later still takes nothing
        inventory.reserve(order.id(), order.productId(), order.quantity());
        assertThat(stock()).isEqualTo(10);
    }

    private CreatedOrder orderWithStock(int stock) {
        SagaTables.reset(stock);
        return orders.create(new PlaceOrderCommand(UUID.randomUUID().toString(), SagaTables.PRODUCT, 1, null));
    }

    /** What the pessimistic strategy's transaction has done just before its commit, on a connection of the test's. */
    private static Connection reservationInFlight(CreatedOrder order) throws SQLException {
        Connection c = SagaTables.connect();
        c.setAutoCommit(false);
        execute(c, "select stock from product where id = ? for update", order.productId());
        execute(c, "update product set stock = stock - ?, version = version + 1 where id = ?", order.quantity(), order.productId());
        execute(c, "insert into stock_reservation (order_id, product_id, quantity, status) values (?, ?, ?, 'RESERVED')",
                order.id(), order.productId(), order.quantity());
        return c;
    }

    private CompletableFuture<Boolean> releaseOnAThreadOfItsOwn(CreatedOrder order) {
        return CompletableFuture.supplyAsync(() -> inventory.releaseUncertain(order.id(), order.productId()),
                Executors.newVirtualThreadPerTaskExecutor());
    }

    /** The release's insert waits for a lock, as PostgreSQL itself reports. */
    private static void awaitReleaseWaitingForTheReservation() {
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from pg_stat_activity"
                + " where wait_event_type = 'Lock' and query like 'insert into stock_reservation%on conflict%'") == 1);
    }

    private static int stock() throws SQLException {
        return (int) count("select stock from product where id = '" + SagaTables.PRODUCT + "'");
    }

    private static String reservation(CreatedOrder order) throws SQLException {
        try (Connection c = SagaTables.connect();
                PreparedStatement s = prepare(c, "select status || ' ' || quantity from stock_reservation where order_id = ?", order.id());
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : "none";
        }
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = SagaTables.connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void execute(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args)) {
            s.execute();
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
        return s;
    }
}
