package dev.skein.samples.order.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.samples.order.PaymentServiceProcess;
import dev.skein.samples.order.Shop;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The payment service killed ({@code kill -9}) in the middle of a burst of orders, on PostgreSQL. Once the breaker and
 * the compensations have done their work, the rows show every order decided and no stock held for an order that is
 * not confirmed. What the breaker and the compensations' retries cannot close is a payment the dead service authorised
 * (or captured) for an order whose void (or refund) found nobody to receive it: the saga's journal has parked each of
 * those runs, and retrying them by hand ({@code POST /q/skein/runs/<id>/retry}) once the service is back gives every
 * such payment back.
 */
@QuarkusTest
@TestProfile(OnPostgres.PaymentKilled.class)
@Tag("postgres")
class PaymentServiceKilledOnPostgresTest {

    static final int ORDERS = 400;
    static final int BUYERS = 40;
    static final int CONFIRMED_BEFORE_THE_KILL = 30;

    @TestHTTPResource("/")
    URL orderService;

    @Test
    void killedMidBurstLeavesNoStockHeldForAnUndecidedOrder() throws Exception {
        SagaTables.reset(ORDERS);
        Shop.faults(50, 150, 0, 0); // slow enough that many payments are in flight at the kill
        CountDownLatch confirmedEnough = new CountDownLatch(CONFIRMED_BEFORE_THE_KILL);

        List<Buyers.Answer> answers;
        try (Scope scope = Scope.open(cfg -> cfg.withName("burst and kill"))) {
            Branch<List<Buyers.Answer>> burst = scope.fork("burst", () -> Buyers.race(orderService.toURI(),
                    Collections.nCopies(ORDERS, 1), BUYERS, a -> {
                        if (a.confirmed()) {
                            confirmedEnough.countDown();
                        }
                    }));
            scope.fork("kill", () -> {
                assertThat(confirmedEnough.await(60, TimeUnit.SECONDS)).as("orders confirmed before the kill").isTrue();
                PaymentServiceProcess.current().killHard();
                // the breaker opens on the failures that follow: readiness goes DOWN while the burst goes on
                await().atMost(Duration.ofSeconds(10)).until(() -> readiness() == 503);
                return null;
            });
            scope.join();
            answers = burst.resultNow();
        }

        // a buyer answered at its request's deadline may still have compensations on their way (they go on to their
        // end after the caller has left, with their retries): the rows are judged once those have done their work
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> SagaOnPostgresTest.assertDecidedAndConsistent(SagaTables.read(), ORDERS));
        SagaTables.Rows rows = SagaTables.read();
        System.out.printf("payment service killed after %d confirmed: answers %s; rows: %s%n", CONFIRMED_BEFORE_THE_KILL,
                Buyers.tally(answers), rows);
        assertThat(rows.orders("CONFIRMED")).isGreaterThanOrEqualTo(CONFIRMED_BEFORE_THE_KILL).isLessThan(ORDERS);
        assertThat(rows.failedBecause("payment service unavailable (circuit breaker open)")).isPositive();
        // a call the kill cut mid-way (Vert.x's "Connection was closed") is the service's failure, said so
        assertThat(rows.ordersByStatusAndReason().keySet()).as("reasons").noneMatch(reason -> reason.startsWith("FAILED failed:"));
        // What stays open: payments the dead service authorised or captured for orders that failed, whose void or
        // refund could not reach it. Only an order in flight at the kill can be one of them.
        List<String> stranded = stranded();
        Set<String> expected = new HashSet<>(SagaOnPostgresTest.ORDER_AND_PAYMENT_AFTER_A_SAGA);
        expected.addAll(Set.of("FAILED/AUTHORISED", "FAILED/CAPTURED"));
        assertThat(rows.ordersByPayment().keySet()).isSubsetOf(expected);
        assertThat(stranded).hasSizeLessThanOrEqualTo(BUYERS);
        System.out.printf("left open by the kill (payment held for a failed order): %d %s%n", stranded.size(), stranded);

        PaymentServiceProcess.current().startProcess();
        // once the breaker lets a call through again, orders are confirmed and readiness is UP
        SagaTables.Rows before = SagaTables.read();
        await().atMost(Duration.ofSeconds(20)).until(
                () -> Buyers.race(orderService.toURI(), List.of(1), 1, a -> { }).getFirst().confirmed());
        await().atMost(Duration.ofSeconds(10)).until(() -> readiness() == 200);
        // the restarted payment service still holds those payments; the saga's journal remembers each void (or refund)
        // that found nobody: its run is PARKED. An operator retries the parked runs once the service is back.
        assertThat(stranded()).isEqualTo(stranded);
        List<String> parked = SagaTables.runIds("PARKED");
        assertThat(parked).as("parked runs").hasSizeGreaterThanOrEqualTo(stranded.size());
        for (String runId : parked) {
            assertThat(retry(runId)).as("retry of parked run " + runId).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> SagaTables.runIds("PARKED").isEmpty() && stranded().isEmpty());
        SagaTables.Rows reconciled = SagaTables.read();
        System.out.printf("after restart and the retry of %d parked runs: %s%n", parked.size(), reconciled);
        assertThat(stranded()).isEmpty();
        assertThat(reconciled.ordersByPayment().keySet()).isSubsetOf(SagaOnPostgresTest.ORDER_AND_PAYMENT_AFTER_A_SAGA);
        SagaOnPostgresTest.assertDecidedAndConsistent(reconciled, ORDERS);
        assertThat(reconciled.orders("CONFIRMED")).isGreaterThan(before.orders("CONFIRMED"));
        assertThat(SagaTables.runsByStatus().keySet()).as("the journal's runs").isSubsetOf("SUCCEEDED", "COMPENSATED");
    }

    private static List<String> stranded() {
        List<String> ids = new ArrayList<>(SagaTables.orderIds("FAILED", "AUTHORISED"));
        ids.addAll(SagaTables.orderIds("FAILED", "CAPTURED"));
        return ids;
    }

    private int retry(String runId) throws Exception {
        HttpRequest retry = HttpRequest.newBuilder(orderService.toURI().resolve("/q/skein/runs/" + runId + "/retry"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(5)).build();
        return HttpClient.newHttpClient().send(retry, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int readiness() throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(orderService.toURI().resolve("/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        return HttpClient.newHttpClient().send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
