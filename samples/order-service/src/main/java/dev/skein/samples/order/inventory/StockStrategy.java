package dev.skein.samples.order.inventory;

import java.util.function.Supplier;

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

    /**
     * Runs {@code transaction}, the one in which {@link #take} runs. A strategy that holds something outside the
     * database while it takes stock (a lock) holds it around the whole transaction: a buyer waiting for it holds no
     * database connection meanwhile, and the next holder finds this one's write committed. By default, just runs it.
     * {@return what the transaction returned}
     */
    default <T> T around(String productId, int quantity, Supplier<T> transaction) {
        return transaction.get();
    }
}
