package dev.skein.samples.order;

/** The body of {@code POST /orders}. */
public record OrderRequest(String productId, int quantity) {
}
