package dev.skein.quarkus.test.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.quarkus.test.telemetry.QuoteGraph.Order;
import dev.skein.telemetry.SkeinTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The application the telemetry tests share, and reading the spans it exported. */
final class Spans {

    private Spans() {
    }

    /** The graph behind a REST endpoint, with quarkus-opentelemetry (for these tests only) exporting to memory. */
    static QuarkusUnitTest app() {
        return new QuarkusUnitTest()
                .withApplicationRoot(root -> root.addClasses(QuoteGraph.class, Order.class, QuoteResource.class,
                        SpanExporterProducer.class, Spans.class))
                .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "50ms")
                .overrideConfigKey("quarkus.otel.bsp.export.timeout", "1s")
                .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false")
                .setForcedDependencies(List.of(
                        Dependency.of("io.quarkus", "quarkus-opentelemetry-deployment", Version.getVersion())));
    }

    /** {@return the one exported span called {@code name}} */
    static SpanData named(InMemorySpanExporter exporter, String name) {
        List<SpanData> matching = exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
        assertThat(matching).as("spans named '%s'", name).hasSize(1);
        return matching.getFirst();
    }

    /** {@return whether the HTTP server span is exported} */
    static boolean hasServerSpan(InMemorySpanExporter exporter) {
        return exporter.getFinishedSpanItems().stream().anyMatch(s -> s.getKind() == SpanKind.SERVER);
    }

    /** {@return the one exported HTTP server span} */
    static SpanData server(InMemorySpanExporter exporter) {
        List<SpanData> matching = exporter.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.SERVER).toList();
        assertThat(matching).as("server spans").hasSize(1);
        return matching.getFirst();
    }

    /** {@return the names of {@code span} and of its ancestors among the exported spans, the root last} */
    static List<String> lineage(InMemorySpanExporter exporter, SpanData span) {
        Map<String, SpanData> byId = exporter.getFinishedSpanItems().stream()
                .collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        List<String> names = new ArrayList<>();
        for (SpanData s = span; s != null && names.size() < 100; s = byId.get(s.getParentSpanId())) {
            names.add(s.getName());
        }
        return names;
    }

    /** {@return the exported spans Skein made} */
    static List<SpanData> skeins(InMemorySpanExporter exporter) {
        return exporter.getFinishedSpanItems().stream()
                .filter(s -> s.getInstrumentationScopeInfo().getName().equals(SkeinTelemetry.INSTRUMENTATION_NAME))
                .toList();
    }
}
