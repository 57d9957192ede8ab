package dev.skein.samples.demo;

import dev.skein.GraphFailedException;
import dev.skein.graph.Graph;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskKey;
import java.time.Duration;
import java.util.List;

/**
 * The order saga as a task graph, with simulated remote calls: create the order, then reserve stock and
 * authorise payment in parallel, then confirm. The payment gateway times out, so the reservation is
 * released and the order cancelled, and the payment (whose effect is uncertain) is refunded by order id.
 */
final class SagaDemo {

    record Order(String id) {
    }

    static final TaskKey<Order> CREATE_ORDER = TaskKey.of("create order", Order.class);
    static final TaskKey<String> RESERVE_STOCK = TaskKey.of("reserve stock", String.class);
    static final TaskKey<String> AUTHORISE_PAYMENT = TaskKey.of("authorise payment", String.class);
    static final TaskKey<String> CONFIRM = TaskKey.of("confirm order", String.class);

    static final Graph<String> PLACE_ORDER = Graph.builder("place order", String.class)
            .task(CREATE_ORDER, in -> call(20, new Order("order-" + in.input())),
                    task -> task.withCompensation(order -> log("cancelled " + order.id())))
            .task(RESERVE_STOCK, List.of(CREATE_ORDER), in -> call(40, "reservation-7"),
                    task -> task.withCompensation(reservation -> log("released " + reservation)))
            .task(AUTHORISE_PAYMENT, List.of(CREATE_ORDER), in -> call(5_000, "payment-9"),
                    task -> task.withTimeout(Duration.ofMillis(100))
                            .withCompensation(payment -> log("refunded " + payment))
                            .withUncertainCompensation((in, failure) -> log("refunded any charge for "
                                    + in.get(CREATE_ORDER).id() + " (payment ended with " + failure.getClass().getSimpleName() + ")")))
            .task(CONFIRM, List.of(RESERVE_STOCK, AUTHORISE_PAYMENT), in -> call(10, "confirmed"))
            .build();

    private SagaDemo() {
    }

    static void run() throws InterruptedException {
        System.out.println("== 5. the order saga as a graph (the payment gateway times out)");
        System.out.print(indent(PLACE_ORDER.toMermaid()));
        try {
            PLACE_ORDER.run("42");
        } catch (GraphFailedException e) {
            RunReport report = e.report();
            System.out.print(indent(report.toString() + "\n"));
            System.out.print(indent(report.toMermaidGantt()));
        }
    }

    private static <T> T call(long millis, T answer) throws InterruptedException {
        Thread.sleep(millis);
        return answer;
    }

    private static void log(String line) {
        System.out.println("   compensation: " + line);
    }

    private static String indent(String text) {
        return text.lines().map(line -> "   " + line + "\n").reduce("", String::concat);
    }
}
