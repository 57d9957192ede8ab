package dev.skein.samples.order.postgres;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The saga's invariants on PostgreSQL with the stock strategy {@code redis-lock} (Redis at 127.0.0.1:6379). */
@QuarkusTest
@TestProfile(OnPostgres.RedisLock.class)
class RedisLockStockOnPostgresTest extends SagaOnPostgresTest {
}
