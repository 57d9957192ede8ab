package dev.skein.samples.order;

/** An order just written, status CREATED: what the saga's later tasks need of it. */
public record CreatedOrder(String id, String productId, int quantity, long amountCents) {
}
