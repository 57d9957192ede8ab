package dev.skein.quarkus.test.metrics;

import io.opentelemetry.sdk.testing.exporter.InMemoryMetricExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Metrics go to memory: quarkus-opentelemetry exports to the MetricExporter bean ({@code quarkus.otel.metrics.exporter=cdi}). */
@ApplicationScoped
public class MetricExporterProducer {

    @Produces
    @Singleton
    InMemoryMetricExporter metricExporter() {
        return InMemoryMetricExporter.create();
    }
}
