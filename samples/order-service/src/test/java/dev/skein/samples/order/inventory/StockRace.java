package dev.skein.samples.order.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Buyers released at once, each taking stock through one strategy in a transaction of its own, inside what the
 * strategy holds around it (as {@link Inventory#reserve} does).
 */
final class StockRace {

    final AtomicInteger taken = new AtomicInteger();
    final AtomicInteger outOfStock = new AtomicInteger();

    private StockRace() {
    }

    /** {@code buyers} threads each take {@code quantity} of {@code productId}. {@return how they fared} */
    static StockRace run(StockStrategy strategy, String productId, int buyers, int quantity) throws InterruptedException {
        StockRace race = new StockRace();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < buyers; i++) {
                pool.submit(() -> {
                    start.await();
                    try {
                        strategy.around(productId, quantity, () -> QuarkusTransaction.requiringNew().call(() -> {
                            strategy.take(productId, quantity);
                            return null;
                        }));
                        race.taken.incrementAndGet();
                    } catch (OutOfStockException e) {
                        race.outOfStock.incrementAndGet();
                    }
                    return null;
                });
            }
            start.countDown();
        }
        assertThat(race.taken.get() + race.outOfStock.get()).as("every buyer got an answer").isEqualTo(buyers);
        return race;
    }
}
