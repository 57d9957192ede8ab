package dev.skein.samples.order.postgres;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The saga's invariants on PostgreSQL with the stock strategy {@code optimistic}. */
@QuarkusTest
@TestProfile(OnPostgres.Optimistic.class)
class OptimisticStockOnPostgresTest extends SagaOnPostgresTest {
}
