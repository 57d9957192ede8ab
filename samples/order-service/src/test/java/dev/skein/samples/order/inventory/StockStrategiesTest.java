package dev.skein.samples.order.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.samples.order.Db;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each database strategy, raced by many buyers at once: never more sold than there is, never below zero. */
@QuarkusTest
class StockStrategiesTest {

    @Inject
    @Identifier("pessimistic")
    StockStrategy pessimistic;

    @Inject
    @Identifier("optimistic")
    StockStrategy optimistic;

    @Inject
    Inventory inventory;

    @Inject
    DataSource dataSource;

    @ParameterizedTest
    @ValueSource(strings = {"pessimistic", "optimistic"})
    void fiftyBuyersOfFiveItemsGetExactlyFive(String name) throws InterruptedException {
        Race race = race(strategy(name), 5, 50, 1);

        assertThat(race.taken).hasValue(5);
        assertThat(race.outOfStock).hasValue(45);
        assertThat(new Db(dataSource).stock("sku-1")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pessimistic", "optimistic"})
    void buyersOfTwoNeverTakeTheLastOne(String name) throws InterruptedException {
        Race race = race(strategy(name), 5, 20, 2);

        assertThat(race.taken).hasValue(2);
        assertThat(new Db(dataSource).stock("sku-1")).isEqualTo(1);
    }

    private StockStrategy strategy(String name) {
        return name.equals("pessimistic") ? pessimistic : optimistic;
    }

    /** {@code buyers} threads, released at once, each taking {@code quantity} of a stock of {@code stock}. */
    private Race race(StockStrategy strategy, int stock, int buyers, int quantity) throws InterruptedException {
        inventory.setStock("sku-1", stock);
        Race race = new Race();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < buyers; i++) {
                pool.submit(() -> {
                    start.await();
                    try {
                        QuarkusTransaction.requiringNew().run(() -> strategy.take("sku-1", quantity));
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

    private static final class Race {
        final AtomicInteger taken = new AtomicInteger();
        final AtomicInteger outOfStock = new AtomicInteger();
    }
}
