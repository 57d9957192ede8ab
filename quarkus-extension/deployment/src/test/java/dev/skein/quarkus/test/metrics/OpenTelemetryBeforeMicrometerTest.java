package dev.skein.quarkus.test.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.metrics.StockGraph.Order;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With OpenTelemetry metrics on and quarkus-micrometer present too, Skein's metrics go to OpenTelemetry only, never twice. */
class OpenTelemetryBeforeMicrometerTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = Metered.app(List.of(MeterRegistryProducer.class, Meters.class,
            MetricExporterProducer.class, OpenTelemetryMetricsTest.class, OpenTelemetryBeforeMicrometerTest.class),
            Metered.MICROMETER, Metered.OPENTELEMETRY).overrideConfigKey("quarkus.otel.metrics.enabled", "true");

    @Inject
    SkeinGraph<Order, String> stockCheck;

    @Inject
    SimpleMeterRegistry registry;

    @Inject
    InMemoryMetricExporter exporter;

    @Test
    void metricsGoToOpenTelemetryOnly() throws InterruptedException {
        Metered.runThreeTimes(stockCheck);
        await().atMost(Duration.ofSeconds(10)).until(() -> OpenTelemetryMetricsTest.latest(exporter, "skein.branch.duration")
                .map(OpenTelemetryMetricsTest::branches).map(m -> m.get("reserve failed")).orElse(0L) == 2);
        assertThat(Meters.skeins(registry)).isEmpty();
    }
}
