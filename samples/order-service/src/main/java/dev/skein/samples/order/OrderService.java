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

    @Transactional
    public Optional<Order> find(String orderId) {
        return Order.findByIdOptional(orderId);
    }

    @Transactional
    public Optional<Order> findByKey(String idempotencyKey) {
        return Order.find("idempotencyKey", idempotencyKey).firstResultOptional();
    }
}
