package dev.skein.quarkus.test.telemetry;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Spans go to memory: quarkus-opentelemetry exports to every SpanExporter bean ({@code quarkus.otel.traces.exporter=cdi}). */
@ApplicationScoped
public class SpanExporterProducer {

    @Produces
    @Singleton
    InMemorySpanExporter spanExporter() {
        return InMemorySpanExporter.create();
    }
}
