package dev.skein.quarkus.test.telemetry;

import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Three tasks; one makes a span of its own, as a JDBC or HTTP client call in a task would. */
@ApplicationScoped
@TaskGraph("quote")
public class QuoteGraph {

    public record Order(String item, int quantity) {
    }

    public record Price(long cents) {
    }

    public record Tax(long cents) {
    }

    public record Quote(long cents) {
    }

    @Inject
    Tracer tracer;

    @Task("price")
    Price price(@GraphInput Order order) {
        return new Price(order.quantity() * 250L);
    }

    @Task("tax")
    Tax tax(Price price) {
        Span lookup = tracer.spanBuilder("tax lookup").startSpan();
        try {
            return new Tax(price.cents() / 5);
        } finally {
            lookup.end();
        }
    }

    @Task("total")
    Quote total(Price price, Tax tax) {
        return new Quote(price.cents() + tax.cents());
    }
}
