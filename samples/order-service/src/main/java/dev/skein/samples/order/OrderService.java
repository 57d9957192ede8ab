package dev.skein.samples.order;

import dev.skein.samples.order.inventory.Product;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;

/** Writes orders and moves them from CREATED to CONFIRMED or FAILED, each change in a transaction of its own. */
@ApplicationScoped
public class OrderService {

    /**
     * Writes a new order, status CREATED.
     *
     * @throws DuplicateOrderException when an order with the same idempotency key exists (also one written
     *         at the same moment: the unique constraint decides)
     * @throws UnknownProductException when there is no such product
     */
    public CreatedOrder create(PlaceOrderCommand command) {
        if (command.idempotencyKey() != null) {
            findByKey(command.idempotencyKey()).ifPresent(first -> {
                throw new DuplicateOrderException(first.id);
            });
        }
        try {
            return insert(command);
        } catch (RuntimeException e) { // a unique violation, or on H2 a lock timeout behind the other insert
            if (command.idempotencyKey() != null) {
                Optional<Order> first = findByKey(command.idempotencyKey());
                if (first.isPresent()) {
                    throw new DuplicateOrderException(first.get().id);
                }
            }
            throw e;
        }
    }

    @Transactional
    CreatedOrder insert(PlaceOrderCommand command) {
        Product product = Product.findById(command.productId());
        if (product == null) {
            throw new UnknownProductException(command.productId());
        }
        Order order = new Order();
        order.id = command.orderId();
        order.idempotencyKey = command.idempotencyKey();
        order.productId = product.id;
        order.quantity = command.quantity();
        order.amountCents = product.priceCents * command.quantity();
        order.status = Order.Status.CREATED;
        order.createdAt = Instant.now();
        order.updatedAt = order.createdAt;
        order.persist();
        order.flush(); // a duplicate key fails here, inside the try of create
        return new CreatedOrder(order.id, order.productId, order.quantity, order.amountCents);
    }

    /** Marks a CREATED order CONFIRMED. */
    @Transactional
    public void confirm(String orderId) {
        int changed = Order.update("status = ?1, updatedAt = ?2 where id = ?3 and status = ?4",
                Order.Status.CONFIRMED, Instant.now(), orderId, Order.Status.CREATED);
        if (changed != 1) {
            throw new IllegalStateException("order " + orderId + " is no longer CREATED");
        }
    }

    /**
     * Marks the order of a failed saga run FAILED, with a reason a person can read. Also a CONFIRMED one: a
     * confirmation committed after the run was cut short has been undone by the compensations (payment refunded,
     * stock released). Nothing happens if the order was never written.
     */
    @Transactional
    public void fail(String orderId, String reason) {
        Order.update("status = ?1, reason = ?2, updatedAt = ?3 where id = ?4", Order.Status.FAILED, reason, Instant.now(), orderId);
    }

    /**
     * Marks FAILED the order of a run whose {@code create order} failed or was cut short, if its insert landed;
     * {@return whether it did}. The insert may still be committing when this runs: a virtual thread interrupted in a
     * socket call closes its connection, and PostgreSQL still commits what it had received. Claiming the order's id
     * waits for that transaction, through the primary key: if it committed, the order is marked FAILED; if not, the
     * claim is deleted again in the same transaction, and no order was written (a late insert could not have
     * committed: {@code create} flushes its insert, and its commit is sent only once the insert has answered, and
     * this runs only once the task's thread has ended). Not for an XA data source, whose prepared transaction
     * would outlive the connection.
     */
    @Transactional
    public boolean failIfWritten(PlaceOrderCommand command, String reason) {
        int claimed = Order.getEntityManager()
                .createNativeQuery("insert into orders (id, product_id, quantity, amount_cents, status, reason, created_at, updated_at)"
                        + " select ?1, id, ?2, 0, 'FAILED', ?3, current_timestamp, current_timestamp from product where id = ?4"
                        + " on conflict do nothing")
                .setParameter(1, command.orderId()).setParameter(2, command.quantity()).setParameter(3, reason)
                .setParameter(4, command.productId()).executeUpdate();
        if (claimed == 1) {
            Order.delete("id", command.orderId());
            return false;
        }
        return Order.update("status = ?1, reason = ?2, updatedAt = ?3 where id = ?4", Order.Status.FAILED, reason,
                Instant.now(), command.orderId()) == 1; // none: no such product, so no order could have been written
    }

    @Transactional
    public Optional<Order> find(String orderId) {
        return Order.findByIdOptional(orderId);
    }

    @Transactional
    public Optional<Order> findByKey(String idempotencyKey) {
        return Order.find("idempotencyKey", idempotencyKey).firstResultOptional();
    }
}
