package dev.skein.samples.order;

/** An order with the same idempotency key exists already: the request is a repeat, answered with that order. */
public final class DuplicateOrderException extends RuntimeException {

    private final String existingOrderId;

    public DuplicateOrderException(String existingOrderId) {
        super("an order with this idempotency key exists: " + existingOrderId);
        this.existingOrderId = existingOrderId;
    }

    /** {@return the first order's id} */
    public String existingOrderId() {
        return existingOrderId;
    }
}
