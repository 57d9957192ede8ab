package dev.skein.samples.order.inventory;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Owns the stock: reserves it for an order and releases it again, each at most once per order (the
 * {@code stock_reservation} row is the record), so the saga may repeat either safely. How stock is taken
 * is the configured {@link StockStrategy}.
 */
@ApplicationScoped
public class Inventory {

    @ConfigProperty(name = "sample.inventory.strategy", defaultValue = "pessimistic")
    String strategyName;

    @Inject
    @Any
    Instance<StockStrategy> strategies;

    private StockStrategy strategy;

    @PostConstruct
    void chooseStrategy() {
        Instance<StockStrategy> chosen = strategies.select(Identifier.Literal.of(strategyName));
        if (!chosen.isResolvable()) {
            throw new IllegalStateException("sample.inventory.strategy must be pessimistic, optimistic or redis-lock, was '"
                    + strategyName + "'");
        }
        strategy = chosen.get();
    }

    /** {@return the strategy's name} */
    public String strategyName() {
        return strategyName;
    }

    /**
     * Holds {@code quantity} items for the order, in one transaction (inside what the strategy holds
     * {@linkplain StockStrategy#around around} it); a second call for the same order holds nothing more.
     *
     * @throws OutOfStockException when fewer are left
     */
    public Reservation reserve(String orderId, String productId, int quantity) {
        try {
            return strategy.around(productId, quantity,
                    () -> QuarkusTransaction.joiningExisting().call(() -> reserveInTransaction(orderId, productId, quantity)));
        } catch (OutOfStockException e) {
            // a strategy may find the shelf empty before the transaction looks for this order's reservation (the
            // redis-lock one does, to spare the lock): the order may be the one that emptied it
            StockReservation held = QuarkusTransaction.joiningExisting().call(() -> StockReservation.findById(orderId));
            if (held == null) {
                throw e;
            }
            return new Reservation(held.orderId, held.productId, held.quantity);
        }
    }

    private Reservation reserveInTransaction(String orderId, String productId, int quantity) {
        StockReservation existing = StockReservation.findById(orderId);
        if (existing == null) {
            strategy.take(productId, quantity);
            StockReservation held = new StockReservation();
            held.orderId = orderId;
            held.productId = productId;
            held.quantity = quantity;
            held.status = StockReservation.Status.RESERVED;
            held.persist();
            existing = held;
        }
        return new Reservation(existing.orderId, existing.productId, existing.quantity);
    }

    /** Puts the order's stock back, if it holds any; {@return whether this call put stock back} */
    @Transactional
    public boolean release(String orderId) {
        int released = StockReservation.update("status = ?1 where orderId = ?2 and status = ?3",
                StockReservation.Status.RELEASED, orderId, StockReservation.Status.RESERVED);
        if (released == 0) {
            return false;
        }
        StockReservation reservation = StockReservation.findById(orderId);
        Product.update("stock = stock + ?1, version = version + 1 where id = ?2", reservation.quantity, reservation.productId);
        return true;
    }

    /**
     * Puts back what a reservation that failed or was cut short may have taken; {@return whether this call put stock
     * back}. Its transaction may still be committing when this runs: a virtual thread interrupted in a socket call
     * closes its connection, and PostgreSQL still commits what it had received. Claiming the order's reservation row
     * waits for that transaction, through the primary key: if it committed, its reservation is released; if not, the
     * claim leaves a RELEASED row holding nothing: an insert of the reservation still in flight fails on it, and a
     * later {@link #reserve} for the order finds it and takes nothing.
     */
    @Transactional
    public boolean releaseUncertain(String orderId, String productId) {
        int claimed = StockReservation.getEntityManager()
                .createNativeQuery("insert into stock_reservation (order_id, product_id, quantity, status)"
                        + " values (?1, ?2, 0, 'RELEASED') on conflict do nothing")
                .setParameter(1, orderId).setParameter(2, productId).executeUpdate();
        return claimed == 0 && release(orderId);
    }

    /** Sets a product's stock (an operator's correction, or a test's starting point). {@return false if no such product} */
    @Transactional
    public boolean setStock(String productId, int stock) {
        if (stock < 0) {
            throw new IllegalArgumentException("stock must be 0 or more, was " + stock);
        }
        return Product.update("stock = ?1, version = version + 1 where id = ?2", stock, productId) == 1;
    }
}
