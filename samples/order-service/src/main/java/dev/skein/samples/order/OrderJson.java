package dev.skein.samples.order;

import java.time.Instant;

/** An order as the API shows it. {@code reason} is set for a FAILED order. */
public record OrderJson(String id, String productId, int quantity, long amountCents, Order.Status status, String reason,
        Instant createdAt, Instant updatedAt) {

    static OrderJson of(Order order) {
        return new OrderJson(order.id, order.productId, order.quantity, order.amountCents, order.status, order.reason,
                order.createdAt, order.updatedAt);
    }
}
