package dev.skein.samples.order;

/** What a buyer asks for: the saga's input. {@code idempotencyKey} may be null. */
public record PlaceOrderCommand(String productId, int quantity, String idempotencyKey) {
}
