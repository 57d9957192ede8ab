package dev.skein.samples.order;

import static dev.skein.samples.order.Shop.SKU;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The saga end to end, over real HTTP to a real payment service process. */
@QuarkusTest
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OrderSagaTest {

    /** The status and outcome of the saga's run for an order, from its journal (the run's input holds the order's id). */
    static final String RUN_OF_ORDER = "select status || ' ' || outcome from skein_run where input like '%' || ? || '%'";

    @Inject
    DataSource dataSource;

    @BeforeEach
    void tenInStock() {
        Shop.reset(10);
    }

    @Test
    void aConfirmedOrderTakesStockAndCapturesThePayment() {
        String id = given().contentType("application/json").body("{\"productId\":\"sku-1\",\"quantity\":2}")
                .when().post("/orders")
                .then().statusCode(201).body("status", equalTo("CONFIRMED")).body("amountCents", equalTo(5000))
                .extract().path("id");

        Db db = new Db(dataSource);
        assertThat(db.stock(SKU)).isEqualTo(8);
        assertThat(db.one("select status from orders where id = ?", id)).isEqualTo("CONFIRMED");
        assertThat(db.one("select status from stock_reservation where order_id = ?", id)).isEqualTo("RESERVED");
        Shop.Answer payment = Shop.payment(id);
        assertThat(payment.text("status")).isEqualTo("CAPTURED");
        assertThat(payment.body().get("amountCents").asLong()).isEqualTo(5000);
        given().when().get("/orders/" + id).then().statusCode(200).body("status", equalTo("CONFIRMED"));
        given().when().get("/products/sku-1").then().statusCode(200).body("stock", equalTo(8));
        // the saga is durable: its journal has the run, over, and each task's result
        assertThat(db.one(RUN_OF_ORDER, id)).isEqualTo("SUCCEEDED SUCCEEDED");
        assertThat(db.count("select count(*) from skein_task t join skein_run r on r.id = t.run_id"
                + " where r.input like '%' || ? || '%' and t.outcome = 'SUCCEEDED' and t.result is not null", id)).isEqualTo(4);
    }

    /**
     * Stock is reserved and the payment authorised side by side: while the reservation waits (another transaction
     * holds the product's row locked), the payment service authorises the order all the same.
     */
    @Test
    void thePaymentIsAuthorisedWhileTheStockIsStillBeingReserved() throws Exception {
        Set<String> authorisedBefore = authorisedPayments();
        CompletableFuture<Shop.Answer> order;
        String authorisedMeanwhile;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement lock = other.prepareStatement("select stock from product where id = ? for update")) {
                lock.setString(1, SKU);
                lock.executeQuery().close();
            }
            order = CompletableFuture.supplyAsync(() -> Shop.order(1));
            authorisedMeanwhile = await().atMost(Duration.ofSeconds(1)).until(
                    () -> authorisedPayments().stream().filter(id -> !authorisedBefore.contains(id)).findFirst(),
                    Optional::isPresent).orElseThrow();
            assertThat(order).as("the order, its stock still locked").isNotDone();
            other.rollback();
        }

        Shop.Answer answer = order.get(10, TimeUnit.SECONDS);
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.text("id")).isEqualTo(authorisedMeanwhile);
        assertThat(new Db(dataSource).stock(SKU)).isEqualTo(9);
    }

    private static Set<String> authorisedPayments() {
        Set<String> ids = new HashSet<>();
        Shop.payments().body().forEach(p -> {
            if ("AUTHORISED".equals(p.path("status").asText())) {
                ids.add(p.path("orderId").asText());
            }
        });
        return ids;
    }

    @Test
    void aDeclinedPaymentReleasesTheStockAndFailsTheOrder() {
        Shop.faults(0, 0, 0, 1.0);

        Shop.Answer answer = Shop.order(3);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.text("status")).isEqualTo("FAILED");
        assertThat(answer.text("reason")).isEqualTo("payment declined");
        String id = answer.text("id");
        Db db = new Db(dataSource);
        assertThat(db.stock(SKU)).isEqualTo(10);
        assertThat(db.one("select status from stock_reservation where order_id = ?", id)).isEqualTo("RELEASED");
        assertThat(db.one("select reason from orders where id = ?", id)).isEqualTo("payment declined");
        assertThat(Shop.payment(id).text("status")).isEqualTo("DECLINED");
        assertThat(db.one(RUN_OF_ORDER, id)).isEqualTo("COMPENSATED FAILED");
        assertThat(db.one("select t.compensation from skein_task t join skein_run r on r.id = t.run_id"
                + " where r.input like '%' || ? || '%' and t.task = 'reserve stock'", id)).isEqualTo("COMPENSATED");
        given().when().get("/admin/stats").then().statusCode(200)
                .body("compensations.'release stock'", greaterThanOrEqualTo(1))
                .body("failedByReason.'payment declined'", greaterThanOrEqualTo(1))
                .body("stock.'sku-1'", equalTo(10));
    }

    @Test
    void noStockFailsTheOrderAndGivesBackAPaymentAuthorisedBesideIt() {
        Shop.setStock(0);

        Shop.Answer answer = Shop.order(1);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.text("reason")).isEqualTo("out of stock");
        assertNoPaymentHeld(answer.text("id"));
        assertThat(new Db(dataSource).stock(SKU)).isZero();
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstOrderAndCreatesNothing() {
        String key = "key-" + UUID.randomUUID();

        Shop.Answer first = Shop.order(1, key);
        Shop.Answer repeat = Shop.order(1, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.text("id")).isEqualTo(first.text("id"));
        assertThat(repeat.text("status")).isEqualTo("CONFIRMED");
        Db db = new Db(dataSource);
        assertThat(db.count("select count(*) from orders where idempotency_key = ?", key)).isOne();
        assertThat(db.stock(SKU)).isEqualTo(9);
    }

    @Test
    void requestsWithOneKeyArrivingTogetherMakeOneOrder() throws Exception {
        String key = "key-" + UUID.randomUUID();

        List<Shop.Answer> answers = Shop.concurrently(8, () -> Shop.order(1, key));

        assertThat(answers).extracting(a -> a.text("id")).containsOnly(answers.getFirst().text("id"));
        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 200).hasSize(7);
        Db db = new Db(dataSource);
        assertThat(db.count("select count(*) from orders where idempotency_key = ?", key)).isOne();
        assertThat(db.stock(SKU)).isEqualTo(9);
    }

    @Test
    void anUnknownProductIsNotFound() {
        given().contentType("application/json").body("{\"productId\":\"no-such\",\"quantity\":1}")
                .when().post("/orders").then().statusCode(404);
    }

    /**
     * The payment, authorised beside the reservation, was given back: voided (also when the void overtook the
     * authorisation), or never reached the service (404).
     */
    static void assertNoPaymentHeld(String orderId) {
        Shop.Answer payment = Shop.payment(orderId);
        if (payment.status() != 404) {
            assertThat(payment.text("status")).as("the payment of an order without stock").isEqualTo("VOIDED");
        }
    }
}
