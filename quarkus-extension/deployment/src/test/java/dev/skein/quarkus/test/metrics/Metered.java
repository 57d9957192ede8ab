package dev.skein.quarkus.test.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.GraphFailedException;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.metrics.StockGraph.Order;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/**
 * The application the metrics tests share: the graph, its policy {@code warehouse} (a breaker that opens
 * after one failure in two calls, and stays open), and the extensions a test brings in.
 */
final class Metered {

    static final String OPENTELEMETRY = "quarkus-opentelemetry-deployment";
    static final String MICROMETER = "quarkus-micrometer-deployment";

    private Metered() {
    }

    /** {@return the application with the extensions named, e.g. {@link #MICROMETER}} */
    static QuarkusUnitTest app(List<Class<?>> classes, String... extensions) {
        List<Class<?>> all = new ArrayList<>(classes);
        all.addAll(List.of(StockGraph.class, Order.class, StockGraph.Count.class, Metered.class));
        List<Dependency> forced = new ArrayList<>();
        for (String extension : extensions) {
            forced.add(Dependency.of("io.quarkus", extension, Version.getVersion()));
        }
        return new QuarkusUnitTest()
                .withApplicationRoot(root -> root.addClasses(all.toArray(Class<?>[]::new)))
                .overrideConfigKey("quarkus.skein.policy.warehouse.retry.enabled", "false")
                .overrideConfigKey("quarkus.skein.policy.warehouse.circuit-breaker.request-volume-threshold", "2")
                .overrideConfigKey("quarkus.skein.policy.warehouse.circuit-breaker.delay", "1")
                .overrideConfigKey("quarkus.skein.policy.warehouse.circuit-breaker.delay-unit", "hours")
                .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false")
                .overrideConfigKey("quarkus.otel.metric.export.interval", "100ms")
                .overrideConfigKey("quarkus.micrometer.binder-enabled-default", "false")
                .setForcedDependencies(forced);
    }

    /**
     * Runs the graph three times: it succeeds; {@code reserve} fails (the breaker opens); the breaker
     * rejects {@code reserve}. So {@code count} succeeded 3 times, {@code reserve} succeeded once and
     * failed twice, and {@code warehouse} rejected one call and is open.
     */
    static void runThreeTimes(SkeinGraph<Order, String> graph) throws InterruptedException {
        assertThat(graph.run(new Order(2))).isEqualTo("reserved 2");
        assertThatThrownBy(() -> graph.run(new Order(-1))).isInstanceOf(GraphFailedException.class)
                .cause().hasMessage("cannot reserve -1");
        assertThatThrownBy(() -> graph.run(new Order(3))).isInstanceOf(GraphFailedException.class)
                .cause().isInstanceOf(CircuitBreakerOpenException.class);
    }
}
