package dev.skein.samples.order;

/** The saga's result: the order is CONFIRMED and its payment captured. */
public record Confirmation(String orderId) {
}
