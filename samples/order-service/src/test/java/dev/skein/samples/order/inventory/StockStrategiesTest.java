package dev.skein.samples.order.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.samples.order.Db;
import dev.skein.samples.order.PaymentServiceProcess;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each database strategy, raced by many buyers at once: never more sold than there is, never below zero. */
@QuarkusTest
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
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
        StockRace race = race(strategy(name), 5, 50, 1);

        assertThat(race.taken).hasValue(5);
        assertThat(race.outOfStock).hasValue(45);
        assertThat(new Db(dataSource).stock("sku-1")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"pessimistic", "optimistic"})
    void buyersOfTwoNeverTakeTheLastOne(String name) throws InterruptedException {
        StockRace race = race(strategy(name), 5, 20, 2);

        assertThat(race.taken).hasValue(2);
        assertThat(new Db(dataSource).stock("sku-1")).isEqualTo(1);
    }

    private StockStrategy strategy(String name) {
        return name.equals("pessimistic") ? pessimistic : optimistic;
    }

    private StockRace race(StockStrategy strategy, int stock, int buyers, int quantity) throws InterruptedException {
        inventory.setStock("sku-1", stock);
        return StockRace.run(strategy, "sku-1", buyers, quantity);
    }
}
