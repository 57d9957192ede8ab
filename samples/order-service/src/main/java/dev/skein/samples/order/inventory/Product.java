package dev.skein.samples.order.inventory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A product and its stock. {@code version} and {@code fence} are maintained by the stock strategies
 * themselves (no {@code @Version}): every change of stock bumps {@code version}; {@code fence} is the
 * highest Redis fencing token that wrote the row.
 */
@Entity
@Table(name = "product")
public class Product extends PanacheEntityBase {

    @Id
    public String id;

    public String name;

    @Column(name = "price_cents")
    public long priceCents;

    public int stock;

    public long version;

    public long fence;
}
