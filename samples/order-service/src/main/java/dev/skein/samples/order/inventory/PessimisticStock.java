package dev.skein.samples.order.inventory;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

/**
 * Locks the product row ({@code SELECT ... FOR UPDATE}) and decrements it in the same transaction:
 * buyers of one product queue on the row lock, so no check can go stale. Simple and exact; throughput
 * per product is one transaction at a time.
 */
@ApplicationScoped
@Identifier("pessimistic")
class PessimisticStock implements StockStrategy {

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void take(String productId, int quantity) {
        Product product = Product.findById(productId, LockModeType.PESSIMISTIC_WRITE);
        if (product == null || product.stock < quantity) {
            throw new OutOfStockException(productId, quantity);
        }
        product.stock -= quantity;
        product.version++;
    }
}
