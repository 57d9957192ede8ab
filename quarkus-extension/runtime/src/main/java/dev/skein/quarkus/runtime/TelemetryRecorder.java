package dev.skein.quarkus.runtime;

import dev.skein.quarkus.runtime.metrics.MicrometerMeters;
import dev.skein.telemetry.SkeinTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.metrics.MetricsFactory;
import java.util.function.Consumer;

/**
 * Points Skein's spans at the application's {@code OpenTelemetry} bean (that of
 * {@code quarkus-opentelemetry}), and its metrics at that bean or at Micrometer, while the application runs.
 */
@Recorder
public class TelemetryRecorder {

    /** Where Skein's metrics go, chosen at build time. */
    public enum Metrics {
        /** The application's {@code OpenTelemetry} bean ({@code quarkus.otel.metrics.enabled=true}). */
        OPENTELEMETRY,
        /** Micrometer's global registry ({@code quarkus-micrometer}, without OpenTelemetry metrics). */
        MICROMETER,
        /** Nowhere. */
        NONE
    }

    /**
     * Installs the application's {@code OpenTelemetry} (and Micrometer, if {@code metrics} says so) in
     * Skein until the application stops.
     *
     * @param sdkEnabled whether the SDK is on at run time ({@code quarkus.otel.sdk.disabled=false})
     * @param tracing whether Skein makes spans ({@code quarkus.skein.tracing.enabled} and OpenTelemetry's
     *        own tracing, both fixed at build time)
     * @return for {@link Metrics#MICROMETER}, what {@code quarkus-micrometer} must call once it has set up its
     *         registries (a {@code MetricsFactoryConsumerBuildItem}); otherwise a no-op
     */
    public Consumer<MetricsFactory> install(RuntimeValue<Boolean> sdkEnabled, boolean tracing, Metrics metrics,
            ShutdownContext shutdown) {
        OpenTelemetry app = sdkEnabled.getValue() ? Arc.container().select(OpenTelemetry.class).get() : OpenTelemetry.noop();
        return install(app, tracing, metrics, shutdown);
    }

    /** Like {@link #install}, for Micrometer alone, in an application without {@code quarkus-opentelemetry}. */
    public Consumer<MetricsFactory> installMicrometer(ShutdownContext shutdown) {
        return install(OpenTelemetry.noop(), false, Metrics.MICROMETER, shutdown);
    }

    private static Consumer<MetricsFactory> install(OpenTelemetry app, boolean tracing, Metrics metrics,
            ShutdownContext shutdown) {
        TracerProvider tracers = tracing ? app.getTracerProvider() : TracerProvider.noop();
        MicrometerMeters micrometer = metrics == Metrics.MICROMETER ? MicrometerMeters.create() : null;
        MeterProvider meters = switch (metrics) {
            case OPENTELEMETRY -> app.getMeterProvider();
            case MICROMETER -> micrometer;
            case NONE -> MeterProvider.noop();
        };
        if (tracers != TracerProvider.noop() || meters != MeterProvider.noop()) {
            SkeinTelemetry.install(new Chosen(tracers, meters, app.getPropagators()));
            // before the SDK's bean is destroyed: ArC's own shutdown task was registered first, so runs later
            shutdown.addShutdownTask(SkeinTelemetry::uninstall);
        } // else the context still travels: it needs nothing installed
        return micrometer == null ? factory -> { } : factory -> micrometer.registriesReady();
    }

    /** The tracer and meter providers Skein uses, each the application's or a no-op. */
    private record Chosen(TracerProvider tracers, MeterProvider meters, ContextPropagators propagators)
            implements OpenTelemetry {

        @Override
        public TracerProvider getTracerProvider() {
            return tracers;
        }

        @Override
        public MeterProvider getMeterProvider() {
            return meters;
        }

        @Override
        public ContextPropagators getPropagators() {
            return propagators;
        }
    }
}
