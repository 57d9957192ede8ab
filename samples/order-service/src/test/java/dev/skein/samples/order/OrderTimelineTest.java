package dev.skein.samples.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /orders/{id}/timeline}: the saga run that placed an order, as a Mermaid Gantt chart, over real HTTP. */
@QuarkusTest
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OrderTimelineTest {

    @BeforeEach
    void tenInStock() {
        Shop.reset(10);
    }

    @Test
    void aDeclinedOrdersTimelineShowsItsTasksAndTheStockReleased() {
        Shop.faults(0, 0, 0, 1.0);
        Shop.Answer order = Shop.order(1);
        assertThat(order.text("reason")).isEqualTo("payment declined");

        Shop.Answer timeline = Shop.get("/orders/" + order.text("id") + "/timeline");

        assertThat(timeline.status()).isEqualTo(200);
        assertThat(timeline.response().headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        String gantt = timeline.response().body();
        assertThat(gantt).startsWith("gantt\n").contains("title place order: FAILED");
        List<String> tasks = section(gantt, "tasks");
        assertThat(tasks).anyMatch(bar -> bar.startsWith("create order "))
                .anyMatch(bar -> bar.startsWith("reserve stock COMPENSATED "))
                .anyMatch(bar -> bar.startsWith("authorise payment "))
                .anyMatch(bar -> bar.startsWith("confirm order "));
        assertThat(section(gantt, "compensation")).anyMatch(bar -> bar.startsWith("undo reserve stock ("))
                .as("the order is marked FAILED by the last compensation").anyMatch(bar -> bar.startsWith("undo create order ("));
    }

    @Test
    void aConfirmedOrdersTimelineHasNoCompensation() {
        Shop.Answer order = Shop.order(1);
        assertThat(order.status()).isEqualTo(201);

        Shop.Answer timeline = Shop.get("/orders/" + order.text("id") + "/timeline");

        assertThat(timeline.status()).isEqualTo(200);
        String gantt = timeline.response().body();
        assertThat(gantt).startsWith("gantt\n").contains("title place order: SUCCEEDED").doesNotContain("compensation");
        assertThat(section(gantt, "tasks")).hasSize(4).allMatch(bar -> bar.contains(" SUCCEEDED :"));
    }

    @Test
    void anUnknownOrderHasNoTimeline() {
        Shop.Answer timeline = Shop.get("/orders/no-such-order/timeline");

        assertThat(timeline.status()).isEqualTo(404);
        assertThat(timeline.response().body()).isEqualTo("no order no-such-order");
    }

    /** {@return the bars of the chart's section {@code name}, each trimmed} */
    private static List<String> section(String gantt, String name) {
        List<String> lines = gantt.lines().map(String::trim).toList();
        int start = lines.indexOf("section " + name);
        assertThat(start).as("section %s in%n%s", name, gantt).isNotNegative();
        return lines.subList(start + 1, lines.size()).stream().takeWhile(line -> !line.startsWith("section ")).toList();
    }
}
