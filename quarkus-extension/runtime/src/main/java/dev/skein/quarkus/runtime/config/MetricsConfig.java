package dev.skein.quarkus.runtime.config;

import io.smallrye.config.WithDefault;

/** Metrics of scopes, graph runs, tasks and policies. */
public interface MetricsConfig {

    /**
     * Whether Skein records its metrics ({@code skein.branch.duration}, {@code skein.branch.active},
     * {@code skein.policy.rejections}, {@code skein.policy.breaker.state}).
     * They go to OpenTelemetry when {@code quarkus-opentelemetry} has its metrics on
     * ({@code quarkus.otel.metrics.enabled=true}), else to Micrometer's global registry when
     * {@code quarkus-micrometer} is present; with neither, nowhere. Off, Skein records none, whichever
     * is present; its spans are not affected.
     */
    @WithDefault("true")
    boolean enabled();
}
