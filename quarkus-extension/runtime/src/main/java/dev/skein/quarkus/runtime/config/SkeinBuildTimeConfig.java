package dev.skein.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Skein settings fixed when the application is built. */
@ConfigMapping(prefix = "quarkus.skein")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface SkeinBuildTimeConfig {

    /** Tracing of scopes, graph runs and tasks. */
    TracingConfig tracing();

    /** Metrics of scopes, graph runs, tasks and policies. */
    MetricsConfig metrics();

    /** Tracing of scopes, graph runs and tasks. */
    interface TracingConfig {

        /**
         * Whether Skein makes spans when {@code quarkus-opentelemetry} is present: one per scope and graph
         * run, one per branch and task, children of the span current where the scope or run was opened
         * (e.g. the HTTP server span). Off, Skein makes no spans, but its metrics are still recorded
         * (see {@code quarkus.skein.metrics.enabled}), and the OpenTelemetry context still reaches every branch and
         * task, so spans that code there makes keep their parent. Without {@code quarkus-opentelemetry}
         * Skein makes no spans whatever this says.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** The diagnostics endpoints {@code /q/skein/scopes}, {@code /q/skein/graphs} and {@code /q/skein/policies}. */
    EndpointsConfig endpoints();
}
