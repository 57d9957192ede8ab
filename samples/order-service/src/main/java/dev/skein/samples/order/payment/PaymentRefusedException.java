package dev.skein.samples.order.payment;

/** The payment service refused to take the money: the card was declined, or the payment was voided first. */
public final class PaymentRefusedException extends RuntimeException {

    private final Authorisation authorisation;

    public PaymentRefusedException(Authorisation authorisation) {
        super("payment " + authorisation.outcome().name().toLowerCase(java.util.Locale.ROOT)
                + (authorisation.reason() == null ? "" : ": " + authorisation.reason()));
        this.authorisation = authorisation;
    }

    /** {@return the refused authorisation} */
    public Authorisation authorisation() {
        return authorisation;
    }
}
