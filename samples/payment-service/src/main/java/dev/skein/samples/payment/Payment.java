package dev.skein.samples.payment;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The payment of one order, identified by the order's id: every operation on it is idempotent. */
@Entity
@Table(name = "payment")
public class Payment extends PanacheEntityBase {

    /** Where a payment can be. */
    public enum Status { AUTHORISED, DECLINED, CAPTURED, VOIDED, REFUNDED }

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "amount_cents")
    public long amountCents;

    /** Why it was declined or voided without an authorisation; null otherwise. */
    public String reason;

    /** The time budget (Skein-Budget-Ms) the authorisation arrived with; null when it had none. */
    @Column(name = "budget_ms")
    public Long budgetMs;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    static Payment create(String orderId, Status status, long amountCents, String reason, Long budgetMs) {
        Payment p = new Payment();
        p.orderId = orderId;
        p.status = status;
        p.amountCents = amountCents;
        p.reason = reason;
        p.budgetMs = budgetMs;
        p.createdAt = p.updatedAt = Instant.now();
        return p;
    }

    void moveTo(Status next) {
        status = next;
        updatedAt = Instant.now();
    }
}
