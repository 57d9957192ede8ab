package dev.skein.samples.order;

import static dev.skein.samples.order.Shop.SKU;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The saga's deadline ({@code quarkus.skein.graph."place order".timeout=2s}) is shorter than the payment service
 * takes for an authorisation and a capture (1.2 s each): the run is cut in the capture and undone.
 */
@QuarkusTest
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
class DeadlineTest {

    @Inject
    DataSource dataSource;

    @BeforeEach
    void slowPayments() {
        Shop.reset(10);
        Shop.faults(1200, 0, 0, 0);
    }

    @AfterEach
    void fastPayments() {
        Shop.faults(0, 0, 0, 0);
    }

    @Test
    void aSagaCutByItsDeadlineIsUndoneAndThePaymentServiceSawTheBudget() {
        Shop.Answer answer = Shop.order(1);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.text("reason")).isEqualTo("deadline exceeded");
        String id = answer.text("id");
        Db db = new Db(dataSource);
        assertThat(db.stock(SKU)).isEqualTo(10);
        assertThat(db.one("select status from stock_reservation where order_id = ?", id)).isEqualTo("RELEASED");
        assertThat(db.one("select status from orders where id = ?", id)).isEqualTo("FAILED");
        Shop.Answer payment = Shop.payment(id);
        assertThat(payment.text("status")).isEqualTo("VOIDED");
        long budget = payment.body().get("budgetMs").asLong();
        assertThat(budget).as("the budget the authorisation arrived with").isPositive().isLessThanOrEqualTo(2000);
    }
}
