package dev.skein.samples.order.inventory;

/**
 * One way to take stock safely under racing buyers; chosen by {@code sample.inventory.strategy}. Each never
 * sells more than there is and never leaves the stock negative.
 */
public interface StockStrategy {

    /**
     * Takes {@code quantity} items of {@code productId}, inside the caller's transaction.
     *
     * @throws OutOfStockException when fewer than {@code quantity} are left
     */
    void take(String productId, int quantity);
}
