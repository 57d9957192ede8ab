package dev.skein.samples.order.payment;

/**
 * The payment service did not answer usefully: a 5xx ({@link #status()}), or no answer at all (status 0,
 * the cause says why). Worth a retry; counted by the payment policy's circuit breaker.
 */
public final class PaymentFailedException extends RuntimeException {

    private final int status;

    public PaymentFailedException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** {@return the HTTP status, or 0 when there was no answer} */
    public int status() {
        return status;
    }
}
