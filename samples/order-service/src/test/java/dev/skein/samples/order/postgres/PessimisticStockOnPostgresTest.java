package dev.skein.samples.order.postgres;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The saga's invariants on PostgreSQL with the stock strategy {@code pessimistic}. */
@QuarkusTest
@TestProfile(OnPostgres.Pessimistic.class)
class PessimisticStockOnPostgresTest extends SagaOnPostgresTest {
}
