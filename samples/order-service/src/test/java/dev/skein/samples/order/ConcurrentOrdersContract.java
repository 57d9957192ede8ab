package dev.skein.samples.order;

import static dev.skein.samples.order.Shop.SKU;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many buyers racing for few items, with the configured stock strategy: never more sold than there is, stock never
 * below zero, every payment taken belongs to a confirmed order. Checked in the database (SQL) and at the payment
 * service, not through the order service's API.
 */
abstract class ConcurrentOrdersContract {

    @Inject
    DataSource dataSource;

    @AfterEach
    void noFaults() {
        Shop.faults(0, 0, 0, 0);
    }

    @Test
    void fiftyBuyersOfFiveItems() throws Exception {
        warmUp();
        Shop.reset(5);

        List<Shop.Answer> answers = Shop.orderConcurrently(50);

        assertThat(answers).as("answers by status and reason: %s", tally(answers)).filteredOn(a -> a.status() == 201).hasSize(5);
        // a loser still waiting for the stock when the saga's deadline (2 s) passes fails so, with nothing to undo
        assertThat(answers).filteredOn(a -> a.status() == 409).hasSize(45)
                .allSatisfy(a -> assertThat(a.text("reason")).isIn("out of stock", "deadline exceeded"))
                .anySatisfy(a -> assertThat(a.text("reason")).isEqualTo("out of stock"));
        Db db = new Db(dataSource);
        assertThat(db.stock(SKU)).isZero();
        assertInvariants(db, answers, 5);
    }

    /** Which orders fail is up to the payment service's dice; the invariants hold whichever do. */
    @Test
    void buyersWhilePaymentsFailAndAreDeclined() throws Exception {
        warmUp();
        Shop.reset(10);
        Shop.faults(0, 30, 0.2, 0.2);

        List<Shop.Answer> answers = Shop.orderConcurrently(40);

        assertThat(answers).allSatisfy(a -> assertThat(a.status()).isIn(201, 409));
        assertInvariants(new Db(dataSource), answers, 10);
    }

    /**
     * Stock left plus items sold is what there was; each order's reservation is held exactly when it is confirmed;
     * each order's payment is captured exactly when it is confirmed, and none is left merely authorised.
     */
    private void assertInvariants(Db db, List<Shop.Answer> answers, int stockBefore) {
        long confirmed = 0;
        for (Shop.Answer answer : answers) {
            String id = answer.text("id");
            String status = (String) db.one("select status from orders where id = ?", id);
            assertThat(status).as("order %s in the database", id).isEqualTo(answer.text("status")).isIn("CONFIRMED", "FAILED");
            boolean isConfirmed = status.equals("CONFIRMED");
            confirmed += isConfirmed ? 1 : 0;
            assertThat(db.count("select count(*) from stock_reservation where order_id = ? and status = 'RESERVED'", id))
                    .as("stock held for order %s", id).isEqualTo(isConfirmed ? 1 : 0);
            Shop.Answer payment = Shop.payment(id);
            if (isConfirmed) {
                assertThat(payment.text("status")).as("payment of confirmed order %s", id).isEqualTo("CAPTURED");
            } else if (payment.status() == 200) {
                assertThat(payment.text("status")).as("payment of failed order %s (%s)", id, answer.text("reason"))
                        .isIn("VOIDED", "DECLINED", "REFUNDED");
            } else {
                assertThat(payment.status()).isEqualTo(404);
            }
        }
        assertThat(db.stock(SKU)).isEqualTo(stockBefore - confirmed);
    }

    /** {@return how many answers had each status and reason} For a failure's message. */
    static java.util.Map<String, Long> tally(List<Shop.Answer> answers) {
        return answers.stream().collect(java.util.stream.Collectors.groupingBy(
                a -> a.status() + " " + (a.status() == 201 ? "" : a.text("reason")), java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    /**
     * A few orders one after the other, before a race: the first orders after start-up run cold code in both services
     * (a cold payment service took over a second to authorise, and the saga's deadline is 2 s); the race is about
     * buyers, not warm-up.
     */
    private static void warmUp() {
        Shop.reset(3);
        for (int i = 0; i < 3; i++) {
            assertThat(Shop.order(1).status()).as("a warm-up order").isEqualTo(201);
        }
    }
}
