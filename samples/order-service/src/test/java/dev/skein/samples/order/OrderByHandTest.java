package dev.skein.samples.order;

import static dev.skein.samples.order.Shop.SKU;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /orders/by-hand}, the saga written with {@code CompletableFuture} that the load benchmark compares with
 * the Skein graph, does what {@code POST /orders} does ({@link OrderSagaTest}): over real HTTP to a real payment
 * service process, checked in the database.
 */
@QuarkusTest
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OrderByHandTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void tenInStock() {
        Shop.reset(10);
    }

    @Test
    void aConfirmedOrderTakesStockAndCapturesThePayment() {
        String id = byHand(2).then().statusCode(201).body("status", equalTo("CONFIRMED")).body("amountCents", equalTo(5000))
                .extract().path("id");

        Db db = new Db(dataSource);
        assertThat(db.stock(SKU)).isEqualTo(8);
        assertThat(db.one("select status from orders where id = ?", id)).isEqualTo("CONFIRMED");
        assertThat(db.one("select status from stock_reservation where order_id = ?", id)).isEqualTo("RESERVED");
        assertThat(Shop.payment(id).text("status")).isEqualTo("CAPTURED");
    }

    @Test
    void aDeclinedPaymentReleasesTheStockAndFailsTheOrder() {
        Shop.faults(0, 0, 0, 1.0);

        ExtractableResponse<Response> answer = byHand(3).then().statusCode(409)
                .body("status", equalTo("FAILED")).body("reason", equalTo("payment declined")).extract();

        String id = answer.path("id");
        Db db = new Db(dataSource);
        assertThat(db.stock(SKU)).isEqualTo(10);
        assertThat(db.one("select status from stock_reservation where order_id = ?", id)).isEqualTo("RELEASED");
        assertThat(db.one("select reason from orders where id = ?", id)).isEqualTo("payment declined");
        assertThat(Shop.payment(id).text("status")).isEqualTo("DECLINED");
    }

    @Test
    void aPaymentSlowerThanTheDeadlineIsVoidedAndTheStockReleased() {
        Shop.faults(5_000, 0, 0, 0);

        ExtractableResponse<Response> answer = byHand(1).then().statusCode(409)
                .body("status", equalTo("FAILED")).body("reason", equalTo("deadline exceeded")).extract();

        String id = answer.path("id");
        Db db = new Db(dataSource);
        assertThat(db.stock(SKU)).isEqualTo(10);
        assertThat(db.one("select status from stock_reservation where order_id = ?", id)).isEqualTo("RELEASED");
        // the authorisation was cut short: voided by order id, so that a late one is refused
        assertThat(Shop.payment(id).text("status")).isEqualTo("VOIDED");
    }

    @Test
    void noStockFailsTheOrderAndGivesBackAPaymentAuthorisedBesideIt() {
        Shop.setStock(0);

        String id = byHand(1).then().statusCode(409).body("reason", equalTo("out of stock")).extract().path("id");

        OrderSagaTest.assertNoPaymentHeld(id);
        assertThat(new Db(dataSource).stock(SKU)).isZero();
    }

    private static Response byHand(int quantity) {
        return given().contentType("application/json").body("{\"productId\":\"" + SKU + "\",\"quantity\":" + quantity + "}")
                .when().post("/orders/by-hand");
    }
}
