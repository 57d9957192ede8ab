package dev.skein.quarkus.runtime;

import dev.skein.telemetry.SkeinTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;

/**
 * Points Skein's spans and metrics at the application's {@code OpenTelemetry} bean (that of
 * {@code quarkus-opentelemetry}) while the application runs. Recorded only when that extension is present.
 */
@Recorder
public class TelemetryRecorder {

    /**
     * Installs the application's {@code OpenTelemetry} in Skein until the application stops.
     *
     * @param sdkEnabled whether the SDK is on at run time ({@code quarkus.otel.sdk.disabled=false})
     * @param tracing whether Skein makes spans ({@code quarkus.skein.tracing.enabled} and OpenTelemetry's
     *        own tracing, both fixed at build time); metrics are installed either way
     */
    public void install(RuntimeValue<Boolean> sdkEnabled, boolean tracing, ShutdownContext shutdown) {
        if (!sdkEnabled.getValue()) {
            return;
        }
        OpenTelemetry openTelemetry = Arc.container().select(OpenTelemetry.class).get();
        SkeinTelemetry.install(tracing ? openTelemetry : new WithoutTracing(openTelemetry));
        // before the SDK's bean is destroyed: ArC's own shutdown task was registered first, so runs later
        shutdown.addShutdownTask(SkeinTelemetry::uninstall);
    }

    /** The application's OpenTelemetry with a no-op tracer provider, so that Skein keeps only its metrics. */
    private record WithoutTracing(OpenTelemetry delegate) implements OpenTelemetry {

        @Override
        public TracerProvider getTracerProvider() {
            return TracerProvider.noop();
        }

        @Override
        public MeterProvider getMeterProvider() {
            return delegate.getMeterProvider();
        }

        @Override
        public ContextPropagators getPropagators() {
            return delegate.getPropagators();
        }
    }
}
