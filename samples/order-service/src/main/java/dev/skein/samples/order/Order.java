package dev.skein.samples.order;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An order, as the {@code orders} table keeps it. (Its entity name avoids JPQL's keyword {@code order}.) */
@Entity(name = "CustomerOrder")
@Table(name = "orders")
public class Order extends PanacheEntityBase {

    /** Where an order is: it is created, then either confirmed or failed (with a reason). */
    public enum Status { CREATED, CONFIRMED, FAILED }

    @Id
    public String id;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "product_id")
    public String productId;

    public int quantity;

    @Column(name = "amount_cents")
    public long amountCents;

    @Enumerated(EnumType.STRING)
    public Status status;

    public String reason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
