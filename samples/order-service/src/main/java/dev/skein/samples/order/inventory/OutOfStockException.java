package dev.skein.samples.order.inventory;

/** There is not enough stock for the order. Never retried: waiting does not bring stock back. */
public final class OutOfStockException extends RuntimeException {

    public OutOfStockException(String productId, int quantity) {
        super("out of stock: " + productId + " has fewer than " + quantity + " left");
    }
}
