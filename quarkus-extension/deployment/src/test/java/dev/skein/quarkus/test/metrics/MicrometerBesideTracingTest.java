package dev.skein.quarkus.test.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.metrics.StockGraph.Order;
import dev.skein.quarkus.test.telemetry.SpanExporterProducer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * quarkus-opentelemetry with its metrics off (their default) beside quarkus-micrometer: Skein's spans go to
 * OpenTelemetry, its metrics to Micrometer.
 */
class MicrometerBesideTracingTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = Metered.app(List.of(MeterRegistryProducer.class, Meters.class,
            SpanExporterProducer.class, MicrometerBesideTracingTest.class), Metered.MICROMETER, Metered.OPENTELEMETRY)
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "50ms");

    @Inject
    SkeinGraph<Order, String> stockCheck;

    @Inject
    SimpleMeterRegistry registry;

    @Inject
    InMemorySpanExporter spans;

    @Test
    void spansGoToOpenTelemetryAndMetricsToMicrometer() throws InterruptedException {
        Metered.runThreeTimes(stockCheck);
        Meters.assertRecorded(registry);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .extracting(SpanData::getName).filteredOn("stock check"::equals).hasSize(3));
    }
}
