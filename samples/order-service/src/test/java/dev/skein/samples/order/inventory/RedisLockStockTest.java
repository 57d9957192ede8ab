package dev.skein.samples.order.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skein.samples.order.Db;
import dev.skein.samples.order.PaymentServiceProcess;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The redis-lock strategy, with the Redis at 127.0.0.1:6379 (profile {@code postgres}). */
@QuarkusTest
@Tag("postgres")
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
class RedisLockStockTest {

    @Inject
    @Identifier("redis-lock")
    RedisLockStock redisLock;

    @Inject
    Inventory inventory;

    @Inject
    RedisDataSource redis;

    @Inject
    DataSource dataSource;

    @Test
    void aHolderWhoseLockExpiredIsRefusedOnceALaterHolderWrote() {
        inventory.setStock("sku-1", 10);
        long first = redisLock.acquire("sku-1");
        redis.execute("PEXPIRE", "lock:sku-1", "1"); // the first holder pauses past its lock's life
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.key().exists("lock:sku-1") == false);

        long second = redisLock.acquire("sku-1");
        boolean secondWrote = QuarkusTransaction.requiringNew().call(() -> redisLock.write("sku-1", 1, second));

        assertThat(second).isGreaterThan(first);
        assertThat(secondWrote).isTrue();
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().call(() -> redisLock.write("sku-1", 1, first)))
                .isInstanceOf(StockConflict.class);
        assertThat(new Db(dataSource).stock("sku-1")).isEqualTo(9);

        redisLock.release("sku-1", first);
        assertThat(redis.value(String.class).get("lock:sku-1")).as("the first holder cannot delete the second's lock")
                .isEqualTo(Long.toString(second));
        redisLock.release("sku-1", second);
        assertThat(redis.key().exists("lock:sku-1")).isFalse();
    }

    @Test
    void fiftyBuyersOfFiveItemsGetExactlyFive() throws InterruptedException {
        inventory.setStock("sku-1", 5);

        StockRace race = StockRace.run(redisLock, "sku-1", 50, 1);

        assertThat(race.taken).hasValue(5);
        assertThat(race.outOfStock).hasValue(45);
        assertThat(new Db(dataSource).stock("sku-1")).isZero();
    }
}
