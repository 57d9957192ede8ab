package dev.skein.samples.order.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order saga's rows on PostgreSQL (both services share the database), read and reset through plain JDBC: what the
 * tests prove is in the tables, not in either service's view of them.
 */
final class SagaTables {

    static final String URL = System.getProperty("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String USER = System.getProperty("quarkus.datasource.username", "postgres");
    /** The product the tests race for; its own row, so the sample's seeded product is left alone. */
    static final String PRODUCT = "pg-race";
    static final long PRICE_CENTS = 2500;

    private SagaTables() {
    }

    /** Empties orders, reservations, payments and the saga's journal, and gives {@link #PRODUCT} {@code stock} items. */
    static void reset(int stock) {
        update("truncate table stock_reservation, orders, payment, skein_task, skein_run");
        update("insert into product (id, name, price_cents, stock) values (?, 'Racing socks', ?, ?)"
                + " on conflict (id) do update set stock = excluded.stock, version = 0, fence = 0", PRODUCT, PRICE_CENTS, stock);
    }

    /** What the database holds after a run, read in one transaction. */
    record Rows(int stock, Map<String, Long> ordersByStatusAndReason, long confirmedQuantity,
            long reservedWithoutConfirmedOrder, long confirmedWithoutReservation, Map<String, Long> ordersByPayment,
            long paymentsWithoutOrder) {

        long orders(String status) {
            return ordersByStatusAndReason.entrySet().stream()
                    .filter(e -> e.getKey().equals(status) || e.getKey().startsWith(status + " "))
                    .mapToLong(Map.Entry::getValue).sum();
        }

        long failedBecause(String reason) {
            return ordersByStatusAndReason.getOrDefault("FAILED " + reason, 0L);
        }

        /** {@return how many orders in {@code orderStatus} have a payment in {@code paymentStatus} (NONE: no payment row)} */
        long paid(String orderStatus, String paymentStatus) {
            return ordersByPayment.getOrDefault(orderStatus + "/" + paymentStatus, 0L);
        }

        @Override
        public String toString() {
            return "stock " + stock + ", confirmed quantity " + confirmedQuantity + ", orders " + ordersByStatusAndReason
                    + ", order/payment " + ordersByPayment + ", reserved without confirmed order " + reservedWithoutConfirmedOrder
                    + ", confirmed without reservation " + confirmedWithoutReservation + ", payments without order "
                    + paymentsWithoutOrder;
        }
    }

    static Rows read() {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot for every query
            Rows rows = new Rows(
                    (int) one(c, "select stock from product where id = ?", PRODUCT),
                    counts(c, "select status || ' ' || coalesce(reason, ''), count(*) from orders where product_id = ? group by 1", PRODUCT),
                    one(c, "select coalesce(sum(quantity), 0) from orders where product_id = ? and status = 'CONFIRMED'", PRODUCT),
                    one(c, "select count(*) from stock_reservation r join orders o on o.id = r.order_id"
                            + " where r.status = 'RESERVED' and o.status <> 'CONFIRMED'"),
                    one(c, "select count(*) from orders o where o.status = 'CONFIRMED' and not exists"
                            + " (select 1 from stock_reservation r where r.order_id = o.id and r.status = 'RESERVED')"),
                    counts(c, "select o.status || '/' || coalesce(p.status, 'NONE'), count(*) from orders o"
                            + " left join payment p on p.order_id = o.id group by 1"),
                    one(c, "select count(*) from payment p where not exists (select 1 from orders o where o.id = p.order_id)"));
            c.commit();
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the saga's tables at " + URL, e);
        }
    }

    /** {@return the ids of the saga's runs in {@code status}, from its journal} */
    static List<String> runIds(String status) {
        try (Connection c = connect(); PreparedStatement s = prepare(c, "select id from skein_run where status = ? order by id", status);
                ResultSet r = s.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (r.next()) {
                ids.add(r.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return how many of the saga's runs the journal has in each status} */
    static Map<String, Long> runsByStatus() {
        try (Connection c = connect()) {
            return counts(c, "select status, count(*) from skein_run group by 1");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@return the ids of the orders in {@code orderStatus} whose payment is in {@code paymentStatus}} */
    static List<String> orderIds(String orderStatus, String paymentStatus) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "select o.id from orders o join payment p on p.order_id = o.id where o.status = ? and p.status = ? order by o.id")) {
            s.setString(1, orderStatus);
            s.setString(2, paymentStatus);
            List<String> ids = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long one(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            if (!r.next()) {
                throw new IllegalStateException("no row: " + sql);
            }
            return r.getLong(1);
        }
    }

    private static Map<String, Long> counts(Connection c, String sql, Object... args) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (PreparedStatement s = prepare(c, sql, args); ResultSet r = s.executeQuery()) {
            while (r.next()) {
                counts.put(r.getString(1).strip(), r.getLong(2));
            }
        }
        return counts;
    }

    private static void update(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement s = prepare(c, sql, args)) {
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
        return s;
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL, USER, null);
    }
}
