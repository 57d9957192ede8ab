package dev.skein.samples.order;

/** The order names a product the shop does not have. */
public final class UnknownProductException extends RuntimeException {

    public UnknownProductException(String productId) {
        super("unknown product: " + productId);
    }
}
