package dev.skein.quarkus.test.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.metrics.StockGraph.Order;
import dev.skein.telemetry.SkeinTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.metrics.data.MetricDataType;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code quarkus.otel.metrics.enabled=true}, Skein's metrics reach the application's exporters, as documented. */
class OpenTelemetryMetricsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = Metered.app(List.of(MetricExporterProducer.class, OpenTelemetryMetricsTest.class),
            Metered.OPENTELEMETRY).overrideConfigKey("quarkus.otel.metrics.enabled", "true");

    static final AttributeKey<String> SCOPE = AttributeKey.stringKey("skein.scope");
    static final AttributeKey<String> BRANCH = AttributeKey.stringKey("skein.branch");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("skein.outcome");
    static final AttributeKey<String> POLICY = AttributeKey.stringKey("skein.policy");
    static final AttributeKey<String> REJECTION = AttributeKey.stringKey("skein.rejection");

    @Inject
    SkeinGraph<Order, String> stockCheck;

    @Inject
    InMemoryMetricExporter exporter;

    @Test
    void theRunsAreMeasuredUnderTheDocumentedNames() throws InterruptedException {
        Metered.runThreeTimes(stockCheck);
        // exported every 100 ms: wait for an export made after the last run
        await().atMost(Duration.ofSeconds(10)).until(() -> latest("skein.policy.rejections").isPresent()
                && latest("skein.branch.duration").map(m -> branches(m).values().stream().mapToLong(Long::longValue).sum())
                        .orElse(0L) == 6);

        MetricData duration = latest("skein.branch.duration").orElseThrow();
        assertThat(duration.getType()).isEqualTo(MetricDataType.HISTOGRAM);
        assertThat(duration.getUnit()).isEqualTo("s");
        assertThat(duration.getInstrumentationScopeInfo().getName()).isEqualTo(SkeinTelemetry.INSTRUMENTATION_NAME);
        // its count is the branches ended, by outcome
        assertThat(branches(duration))
                .isEqualTo(Map.of("count succeeded", 3L, "reserve succeeded", 1L, "reserve failed", 2L));

        MetricData active = latest("skein.branch.active").orElseThrow();
        assertThat(active.getLongSumData().isMonotonic()).isFalse();
        assertThat(active.getLongSumData().getPoints()).filteredOn(p -> "stock check".equals(p.getAttributes().get(SCOPE)))
                .singleElement().satisfies(p -> assertThat(p.getValue()).as("branches running now").isZero());

        assertThat(latest("skein.policy.rejections").orElseThrow().getLongSumData().getPoints()).singleElement()
                .satisfies(p -> {
                    assertThat(p.getAttributes()).isEqualTo(Attributes.of(POLICY, "warehouse", REJECTION, "circuit_breaker_open"));
                    assertThat(p.getValue()).isEqualTo(1);
                });
        MetricData breaker = latest("skein.policy.breaker.state").orElseThrow();
        assertThat(breaker.getType()).isEqualTo(MetricDataType.LONG_GAUGE);
        assertThat(breaker.getLongGaugeData().getPoints()).filteredOn(p -> "warehouse".equals(p.getAttributes().get(POLICY)))
                .singleElement().satisfies(p -> assertThat(p.getValue()).as("open").isEqualTo(2));
    }

    /** {@return the last export of the metric {@code name}: it holds every measurement so far (cumulative)} */
    private Optional<MetricData> latest(String name) {
        return latest(exporter, name);
    }

    /** {@return the last export of the metric {@code name} to {@code exporter}} */
    static Optional<MetricData> latest(InMemoryMetricExporter exporter, String name) {
        List<MetricData> all = exporter.getFinishedMetricItems();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).getName().equals(name)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** {@return the counts of the duration histogram by "branch outcome", for the graph's scope} */
    static Map<String, Long> branches(MetricData duration) {
        return duration.getHistogramData().getPoints().stream()
                .filter(p -> "stock check".equals(p.getAttributes().get(SCOPE)))
                .collect(Collectors.toMap(OpenTelemetryMetricsTest::branchAndOutcome, HistogramPointData::getCount));
    }

    private static String branchAndOutcome(PointData point) {
        return point.getAttributes().get(BRANCH) + " " + point.getAttributes().get(OUTCOME);
    }
}
