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
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The uncertain compensations of {@code create order} and {@code reserve stock} against a write still committing on the
 * server, as a task cut short leaves it: a virtual thread interrupted in a socket call closes its connection, and
 * PostgreSQL goes on with the transaction it had received. A compensation that only looked for the row would miss it,
 * and leave stock held, or an order CREATED, for a failed saga; these wait for the transaction, then undo what it did
 * or make sure it cannot land.
 */
@QuarkusTest
@TestProfile(OnPostgres.Pessimistic.class)
@Tag("postgres")
class UncertainCompensationsOnPostgresTest {

    @Inject
    Inventory inventory;

    @Inject
    OrderService orders;

    @Test
    void aReservationThatCommitsWhileTheReleaseWaitsIsReleased() throws Exception {
        CreatedOrder order = orderWithStock(10);
        try (Connection reserving = reservationInFlight(order)) {
            CompletableFuture<Boolean> release = onAThreadOfItsOwn(() -> inventory.releaseUncertain(order.id(), order.productId()));
            awaitWaitingForALock("insert into stock_reservation%on conflict%");
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
            CompletableFuture<Boolean> release = onAThreadOfItsOwn(() -> inventory.releaseUncertain(order.id(), order.productId()));
            awaitWaitingForALock("insert into stock_reservation%on conflict%");

            reserving.rollback();

            assertThat(release.get(10, TimeUnit.SECONDS)).as("this call put stock back").isFalse();
        }
        assertThat(stock()).isEqualTo(10);
        assertThat(reservation(order)).as("the claim, holding nothing").isEqualTo("RELEASED 0");
        // a reservation for the order arriving later still takes nothing
        inventory.reserve(order.id(), order.productId(), order.quantity());
        assertThat(stock()).isEqualTo(10);
    }

    @Test
    void anOrderThatCommitsWhileItsUncertainCompensationWaitsIsFailed() throws Exception {
        PlaceOrderCommand command = commandWithStock(10);
        try (Connection creating = orderInFlight(command)) {
            CompletableFuture<Boolean> fail = onAThreadOfItsOwn(() -> orders.failIfWritten(command, "undone"));
            awaitWaitingForALock("insert into orders%on conflict%");
            assertThat(fail).isNotDone();

            creating.commit();

            assertThat(fail.get(10, TimeUnit.SECONDS)).as("the order was written").isTrue();
        }
        assertThat(orderStatus(command)).isEqualTo("FAILED undone");
    }

    @Test
    void anOrderThatRollsBackWhileItsUncertainCompensationWaitsIsNotWritten() throws Exception {
        PlaceOrderCommand command = commandWithStock(10);
        try (Connection creating = orderInFlight(command)) {
            CompletableFuture<Boolean> fail = onAThreadOfItsOwn(() -> orders.failIfWritten(command, "undone"));
            awaitWaitingForALock("insert into orders%on conflict%");

            creating.rollback();

            assertThat(fail.get(10, TimeUnit.SECONDS)).as("the order was written").isFalse();
        }
        assertThat(orderStatus(command)).isEqualTo("none");
    }

    private static PlaceOrderCommand commandWithStock(int stock) {
        SagaTables.reset(stock);
        return new PlaceOrderCommand(UUID.randomUUID().toString(), SagaTables.PRODUCT, 1, null);
    }

    /** What {@code OrderService.create}'s transaction has done just before its commit, on a connection of the test's. */
    private static Connection orderInFlight(PlaceOrderCommand command) throws SQLException {
        Connection c = SagaTables.connect();
        c.setAutoCommit(false);
        execute(c, "insert into orders (id, product_id, quantity, amount_cents, status, created_at, updated_at)"
                + " values (?, ?, ?, 2500, 'CREATED', current_timestamp, current_timestamp)", command.orderId(),
                command.productId(), command.quantity());
        return c;
    }

    private static String orderStatus(PlaceOrderCommand command) throws SQLException {
        try (Connection c = SagaTables.connect();
                PreparedStatement s = prepare(c, "select status || ' ' || coalesce(reason, '') from orders where id = ?", command.orderId());
                ResultSet r = s.executeQuery()) {
            return r.next() ? r.getString(1) : "none";
        }
    }

    private CreatedOrder orderWithStock(int stock) {
        SagaTables.reset(stock);
        return orders.create(new PlaceOrderCommand(UUID.randomUUID().toString(), SagaTables.PRODUCT, 1, null));
    }

    /** What the pessimistic strategy's transaction has done just before its commit, on a connection of the test's. */
    private static Connection reservationInFlight(CreatedOrder order) throws SQLException {
        Connection c = SagaTables.connect();
        c.setAutoCommit(false);
        // as Hibernate locks the row for PESSIMISTIC_WRITE on PostgreSQL (no key update: a foreign key check still passes)
        execute(c, "select stock from product where id = ? for no key update", order.productId());
        execute(c, "update product set stock = stock - ?, version = version + 1 where id = ?", order.quantity(), order.productId());
        execute(c, "insert into stock_reservation (order_id, product_id, quantity, status) values (?, ?, ?, 'RESERVED')",
                order.id(), order.productId(), order.quantity());
        return c;
    }

    private static CompletableFuture<Boolean> onAThreadOfItsOwn(Supplier<Boolean> compensation) {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                done.complete(compensation.get());
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    /** A statement like {@code query} waits for a lock, as PostgreSQL itself reports. */
    private static void awaitWaitingForALock(String query) {
        await().atMost(Duration.ofSeconds(10)).until(() -> count("select count(*) from pg_stat_activity"
                + " where wait_event_type = 'Lock' and query like '" + query + "'") == 1);
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
