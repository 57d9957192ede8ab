package dev.skein.samples.order.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Stock held for one order: at most one per order, which makes reserving and releasing idempotent. */
@Entity
@Table(name = "stock_reservation")
public class StockReservation extends PanacheEntityBase {

    /** Whether the stock is still held. */
    public enum Status { RESERVED, RELEASED }

    @Id
    @Column(name = "order_id")
    public String orderId;

    @Column(name = "product_id")
    public String productId;

    public int quantity;

    @Enumerated(EnumType.STRING)
    public Status status;
}
