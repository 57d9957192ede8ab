package dev.skein.samples.order;

import static dev.skein.samples.order.Shop.SKU;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The payment service's process is killed: the payment breaker opens, orders fail fast with a reason that says so,
 * readiness is DOWN; once the service is back, the breaker lets a trial through and orders are confirmed again.
 */
@QuarkusTest
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PaymentOutageTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void stocked() {
        Shop.reset(100);
    }

    @AfterEach
    void serviceBack() {
        PaymentServiceProcess.current().startProcess();
    }

    @Test
    void theBreakerOpensOrdersFailFastReadinessIsDownAndAllRecovers() {
        Timestamp start = Timestamp.from(Instant.now());
        PaymentServiceProcess.current().kill();

        Shop.Answer first = Shop.order(1);
        assertThat(first.status()).isEqualTo(409);
        assertThat(first.text("reason")).isEqualTo("payment service failed");

        await("orders failing because the breaker is open").atMost(Duration.ofSeconds(20))
                .until(() -> "payment service unavailable (circuit breaker open)".equals(Shop.order(1).text("reason")));
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'skein-breakers' }.status", equalTo("DOWN"));
        Db db = new Db(dataSource);
        assertThat(db.stock(SKU)).as("every failed order gave its stock back").isEqualTo(100);
        assertThat(db.count("select count(*) from stock_reservation where status = 'RESERVED' and order_id in"
                + " (select id from orders where status = 'FAILED' and created_at >= ?)", start)).isZero();

        PaymentServiceProcess.current().startProcess();

        await("an order confirmed once the service is back").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> Shop.order(1).status() == 201);
        given().when().get("/q/health/ready").then().statusCode(200);
    }
}
