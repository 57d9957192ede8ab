/**
 * Skein's metrics in Micrometer, for applications with {@code quarkus-micrometer} and without
 * OpenTelemetry metrics: an OpenTelemetry {@code MeterProvider} over Micrometer's global registry. Not API.
 */
package dev.skein.quarkus.runtime.metrics;
