package dev.skein.samples.order;

import dev.skein.samples.order.inventory.Inventory;
import dev.skein.samples.order.inventory.Product;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** Products and their stock; {@code /admin/products/{id}/stock} sets it. */
@Path("/")
public class ProductResource {

    /** A product as the API shows it. */
    public record ProductJson(String id, String name, long priceCents, int stock) {
    }

    /** The body of {@code PUT /admin/products/{id}/stock}. */
    public record StockJson(int stock) {
    }

    @Inject
    Inventory inventory;

    @GET
    @Path("/products/{id}")
    @Transactional
    public ProductJson get(@PathParam("id") String id) {
        Product product = Product.findById(id);
        if (product == null) {
            throw new NotFoundException("no product " + id);
        }
        return new ProductJson(product.id, product.name, product.priceCents, product.stock);
    }

    @PUT
    @Path("/admin/products/{id}/stock")
    public ProductJson setStock(@PathParam("id") String id, StockJson body) {
        if (!inventory.setStock(id, body.stock())) {
            throw new NotFoundException("no product " + id);
        }
        return get(id);
    }
}
