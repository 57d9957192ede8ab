package dev.skein.samples.order.inventory;

/**
 * A conditional stock update lost a race: another order changed the row first (optimistic strategy), or
 * a later lock holder wrote it (redis-lock strategy's fence). Trying again may succeed.
 */
public final class StockConflict extends RuntimeException {

    public StockConflict(String message) {
        super(message, null, false, false);
    }
}
