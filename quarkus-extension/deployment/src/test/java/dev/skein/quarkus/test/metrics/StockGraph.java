package dev.skein.quarkus.test.metrics;

import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import jakarta.enterprise.context.ApplicationScoped;

/** Two tasks; {@code reserve} runs through the policy {@code warehouse} and fails for a negative quantity. */
@ApplicationScoped
@TaskGraph("stock check")
public class StockGraph {

    public record Order(int quantity) {
    }

    public record Count(int units) {
    }

    @Task("count")
    Count count(@GraphInput Order order) {
        return new Count(order.quantity());
    }

    @Task(value = "reserve", policy = "warehouse")
    String reserve(Count count) {
        if (count.units() < 0) {
            throw new IllegalStateException("cannot reserve " + count.units());
        }
        return "reserved " + count.units();
    }
}
