package dev.skein.telemetry;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A real OpenTelemetry SDK with an in-memory exporter, installed for Skein; counts spans started and ended. */
final class Tracing implements AutoCloseable {

    final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger ended = new AtomicInteger();
    final SdkTracerProvider provider;
    final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    final OpenTelemetrySdk sdk;

    Tracing() {
        SpanProcessor counting = new SpanProcessor() {
            @Override
            public void onStart(Context parentContext, ReadWriteSpan span) {
                started.incrementAndGet();
            }

            @Override
            public boolean isStartRequired() {
                return true;
            }

            @Override
            public void onEnd(ReadableSpan span) {
                ended.incrementAndGet();
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }
        };
        provider = SdkTracerProvider.builder()
                .addSpanProcessor(counting)
                .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                .build();
        sdk = OpenTelemetrySdk.builder().setTracerProvider(provider)
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build()).build();
        SkeinTelemetry.install(sdk);
    }

    List<SpanData> spans() {
        return exporter.getFinishedSpanItems();
    }

    SpanData span(String name) {
        List<SpanData> named = spans().stream().filter(s -> s.getName().equals(name)).toList();
        if (named.size() != 1) {
            throw new AssertionError("expected one span '" + name + "', got " + named.size() + " in " + names());
        }
        return named.getFirst();
    }

    Optional<SpanData> parentOf(SpanData span) {
        return spans().stream().filter(s -> s.getSpanId().equals(span.getParentSpanId())).findFirst();
    }

    /** {@return "child <- parent" for a span, by names} */
    String edge(String name) {
        SpanData span = span(name);
        return name + " <- " + parentOf(span).map(SpanData::getName).orElse("(none)");
    }

    List<String> names() {
        return spans().stream().map(SpanData::getName).toList();
    }

    @Override
    public void close() {
        SkeinTelemetry.uninstall();
        sdk.close();
    }
}
