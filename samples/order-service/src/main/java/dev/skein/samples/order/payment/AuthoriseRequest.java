package dev.skein.samples.order.payment;

/** The body of {@code POST /payments/{orderId}/authorise}. */
public record AuthoriseRequest(long amountCents) {
}
