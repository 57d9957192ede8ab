package dev.skein.samples.order.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.samples.order.Shop;
import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URI;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The order saga's invariants under racing buyers, on PostgreSQL, for one stock strategy (a subclass per strategy, each
 * with its {@link OnPostgres} profile). Every run is proven on the rows (SQL through {@link SagaTables}), not on the
 * services' answers: no order left undecided, never more sold than there was, stock held only for confirmed orders,
 * and every payment either captured for a confirmed order or given back.
 */
@Tag("postgres")
abstract class SagaOnPostgresTest {

    /** A failed order's payment, once the saga is over: none, declined, voided or refunded; never held or taken. */
    static final Set<String> ORDER_AND_PAYMENT_AFTER_A_SAGA = Set.of("CONFIRMED/CAPTURED",
            "FAILED/NONE", "FAILED/DECLINED", "FAILED/VOIDED", "FAILED/REFUNDED");

    @TestHTTPResource("/")
    URL orderService;

    /**
     * No faults, and both services warm: a few orders one after the other, then a small sold-out race, so that the
     * races below run warm code on both paths (confirmed and sold out) with the pools (database and HTTP
     * connections, worker threads) already grown. The races are about buyers, not warm-up: cold, on two cores, the
     * winners of the 200-buyer race took about twice as long (authorising 2 s instead of 1), and some were cut by
     * the deadline.
     */
    @BeforeEach
    void noFaultsAndWarm() throws Exception {
        Shop.faults(0, 0, 0, 0);
        SagaTables.reset(5);
        List<Buyers.Answer> warmUp = Buyers.race(uri(), Collections.nCopies(5, 1), 1, a -> { });
        assertThat(Buyers.tally(warmUp)).as("warm-up orders").isEqualTo(Map.of("201 CONFIRMED", 5L));
        SagaTables.reset(2);
        List<Buyers.Answer> soldOut = Buyers.race(uri(), Collections.nCopies(60, 1), 30, a -> { });
        assertThat(soldOut).as("warm-up race: both paths taken").anyMatch(Buyers.Answer::confirmed)
                .anyMatch(a -> "out of stock".equals(a.reason()));
    }

    @Test
    void twoHundredBuyersRacingForTenItemsBuyExactlyTen() throws Exception {
        SagaTables.reset(10);

        List<Buyers.Answer> answers = Buyers.race(uri(), Collections.nCopies(200, 1), 200, a -> { });

        SagaTables.Rows rows = SagaTables.read();
        System.out.printf("%s: 200 buyers for 10 items: answers %s; rows: %s%n", getClass().getSimpleName(), Buyers.tally(answers), rows);
        assertThat(rows.orders("CONFIRMED")).isEqualTo(10);
        // a loser still queueing for the stock when the saga's deadline passes fails so, with nothing to undo
        assertThat(rows.failedBecause("out of stock") + rows.failedBecause("deadline exceeded")).isEqualTo(190);
        assertThat(rows.stock()).isZero();
        assertDecidedAndConsistent(rows, 10);
        // a loser's payment, authorised beside its reservation, was voided (or never reached the service)
        assertThat(rows.ordersByPayment()).containsEntry("CONFIRMED/CAPTURED", 10L);
        assertThat(rows.ordersByPayment().keySet()).isSubsetOf("CONFIRMED/CAPTURED", "FAILED/NONE", "FAILED/VOIDED");
        assertThat(rows.ordersByPayment().getOrDefault("FAILED/NONE", 0L) + rows.ordersByPayment().getOrDefault("FAILED/VOIDED", 0L))
                .isEqualTo(190);
        assertThat(Buyers.tally(answers)).isEqualTo(Map.of("201 CONFIRMED", 10L, "409 FAILED", 190L));
        assertThat(rows.failedBecause("out of stock")).isPositive();
        assertThat(SagaTables.runsByStatus()).as("the saga's journal").doesNotContainKey("PARKED");
    }

    @Test
    void aThousandOrdersWithFailingAndSlowPaymentsKeepEveryInvariant() throws Exception {
        long seed = Long.getLong("saga.seed", System.nanoTime());
        System.out.printf("%s: seed %d (rerun with -Dsaga.seed=%d)%n", getClass().getSimpleName(), seed, seed);
        Random random = new Random(seed);
        int initialStock = 300 + random.nextInt(201);
        List<Integer> quantities = IntStream.range(0, 1000).mapToObj(i -> 1 + random.nextInt(3)).toList();
        // authorise and capture each wait 0..4500 ms: some paid orders pass the saga's 8 s deadline, in either call
        Shop.faults(0, 4500, 0.2, 0.05);
        SagaTables.reset(initialStock);

        long started = System.nanoTime();
        List<Buyers.Answer> answers = Buyers.race(uri(), quantities, 100, a -> { });
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        SagaTables.Rows rows = SagaTables.read();
        System.out.printf("%s: 1000 orders for %d items in %d s: answers %s; rows: %s%n", getClass().getSimpleName(),
                initialStock, seconds, Buyers.tally(answers), rows);
        // an order whose saga was cut before the order was written was never created, and its buyer was told so (504)
        long answeredWithAnOrder = answers.stream().filter(a -> a.httpStatus() == 201 || a.httpStatus() == 409).count();
        assertThat(answeredWithAnOrder).as("answered with an order").isGreaterThan(990);
        assertThat(rows.orders("CONFIRMED") + rows.orders("FAILED")).isEqualTo(answeredWithAnOrder);
        assertDecidedAndConsistent(rows, initialStock);
        assertThat(rows.ordersByPayment().keySet()).isSubsetOf(ORDER_AND_PAYMENT_AFTER_A_SAGA);
        // the faults were met: payments declined, failed and cut short by the deadline, and orders still confirmed
        assertThat(rows.orders("CONFIRMED")).isPositive();
        assertThat(rows.failedBecause("payment declined")).isPositive();
        assertThat(rows.paid("FAILED", "VOIDED")).isPositive();
        assertThat(answers).allSatisfy(a -> assertThat(a.httpStatus()).isIn(201, 409, 504));
        // the payment service's faults hit authorisations and captures, never voids and refunds: nothing parks
        assertThat(SagaTables.runsByStatus()).as("the saga's journal").doesNotContainKey("PARKED");
    }

    /**
     * No order is left CREATED; stock is held exactly for the confirmed orders, and what they bought plus what is left
     * is what there was; every payment belongs to an order.
     */
    static void assertDecidedAndConsistent(SagaTables.Rows rows, int initialStock) {
        assertThat(rows.orders("CREATED")).as("orders left undecided").isZero();
        assertThat(rows.reservedWithoutConfirmedOrder()).as("stock held for an order that is not confirmed").isZero();
        assertThat(rows.confirmedWithoutReservation()).as("confirmed orders without stock held").isZero();
        assertThat(rows.stock() + rows.confirmedQuantity()).as("stock left + confirmed quantity").isEqualTo(initialStock);
        assertThat(rows.stock()).isNotNegative();
        assertThat(rows.paymentsWithoutOrder()).as("payments without an order").isZero();
    }

    URI uri() throws Exception {
        return orderService.toURI();
    }
}
