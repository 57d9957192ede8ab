package dev.skein.samples.order;

/**
 * What a buyer asks for: the saga's input. The order's id is chosen before the saga runs, so that a failed run
 * can always be traced to its order, even one cut short while it was being written. {@code idempotencyKey} may be
 * null.
 */
public record PlaceOrderCommand(String orderId, String productId, int quantity, String idempotencyKey) {
}
