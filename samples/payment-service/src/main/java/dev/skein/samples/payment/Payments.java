package dev.skein.samples.payment;

import dev.skein.samples.payment.Payment.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * The payment transitions, each in one transaction holding the payment's row lock, so an authorisation and a
 * void of the same order that arrive together are applied one after the other. Every operation is idempotent:
 * repeating it returns the payment as the first call left it.
 */
@ApplicationScoped
public class Payments {

    /** What an operation did: the payment afterwards, and whether the transition was allowed. */
    public record Outcome(Payment payment, boolean allowed) {}

    static final String DECLINED = "card declined";
    static final String VOIDED_FIRST = "voided before it was authorised";

    @Transactional
    public Outcome authorise(String orderId, long amountCents, boolean decline, Long budgetMs) {
        Optional<Payment> existing = locked(orderId);
        if (existing.isPresent()) {
            Status s = existing.get().status;
            return new Outcome(existing.get(), s == Status.AUTHORISED || s == Status.CAPTURED);
        }
        Payment p = decline
                ? Payment.create(orderId, Status.DECLINED, amountCents, DECLINED, budgetMs)
                : Payment.create(orderId, Status.AUTHORISED, amountCents, null, budgetMs);
        p.persistAndFlush();
        return new Outcome(p, !decline);
    }

    @Transactional
    public Optional<Outcome> capture(String orderId) {
        return locked(orderId).map(p -> switch (p.status) {
            case AUTHORISED -> moved(p, Status.CAPTURED);
            case CAPTURED -> new Outcome(p, true);
            default -> new Outcome(p, false);
        });
    }

    /** Voids an authorisation; for an order with no payment yet it records the void, so a late authorisation is refused. */
    @Transactional
    public Outcome voidPayment(String orderId) {
        Optional<Payment> existing = locked(orderId);
        if (existing.isEmpty()) {
            Payment tombstone = Payment.create(orderId, Status.VOIDED, 0, VOIDED_FIRST, null);
            tombstone.persistAndFlush();
            return new Outcome(tombstone, true);
        }
        Payment p = existing.get();
        return switch (p.status) {
            case AUTHORISED -> moved(p, Status.VOIDED);
            case VOIDED, DECLINED -> new Outcome(p, true);
            case CAPTURED, REFUNDED -> new Outcome(p, false);
        };
    }

    /** Refunds a captured payment; one that was only authorised is voided instead, and none at all is voided first. */
    @Transactional
    public Outcome refund(String orderId) {
        Optional<Payment> existing = locked(orderId);
        if (existing.isEmpty() || existing.get().status == Status.AUTHORISED) {
            return voidPayment(orderId);
        }
        Payment p = existing.get();
        return switch (p.status) {
            case CAPTURED -> moved(p, Status.REFUNDED);
            default -> new Outcome(p, true);
        };
    }

    private static Optional<Payment> locked(String orderId) {
        return Payment.findByIdOptional(orderId, LockModeType.PESSIMISTIC_WRITE);
    }

    private static Outcome moved(Payment p, Status next) {
        p.moveTo(next);
        return new Outcome(p, true);
    }
}
