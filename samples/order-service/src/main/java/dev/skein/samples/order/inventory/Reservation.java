package dev.skein.samples.order.inventory;

/** Stock held for an order: what the saga's "reserve stock" task returns and its compensation releases. */
public record Reservation(String orderId, String productId, int quantity) {
}
