package dev.skein.quarkus.deployment;

import dev.skein.quarkus.runtime.TelemetryRecorder;
import dev.skein.quarkus.runtime.TelemetryRecorder.Metrics;
import dev.skein.quarkus.runtime.config.SkeinBuildTimeConfig;
import io.quarkus.arc.deployment.OpenTelemetrySdkBuildItem;
import io.quarkus.arc.deployment.SyntheticBeansRuntimeInitBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.deployment.metrics.MetricsFactoryConsumerBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Telemetry. Spans: with {@code quarkus-opentelemetry} present (it alone produces
 * {@link OpenTelemetrySdkBuildItem}), Skein's spans go to the application's {@code OpenTelemetry} bean, so
 * that a run's spans sit under the span current where it was started, the HTTP server span of a request
 * for one. Metrics ({@code quarkus.skein.metrics.enabled}): to that bean when its metrics are on
 * ({@code quarkus.otel.metrics.enabled}), else to Micrometer when {@code quarkus-micrometer} is present
 * and on (it alone produces a {@link MetricsCapabilityBuildItem} that supports Micrometer), else nowhere.
 */
class TelemetryProcessor {

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class) // the OpenTelemetry bean is a run-time synthetic bean
    @Consume(NamedPoliciesBuildItem.class) // the breaker gauges of named policies are found when installed
    ServiceStartBuildItem useApplicationsTelemetry(Optional<OpenTelemetrySdkBuildItem> sdk,
            Optional<MetricsCapabilityBuildItem> metricsCapability, SkeinBuildTimeConfig config,
            TelemetryRecorder recorder, ShutdownContextBuildItem shutdown,
            BuildProducer<MetricsFactoryConsumerBuildItem> whenRegistriesReady) {
        boolean metrics = config.metrics().enabled();
        boolean otelMetrics = metrics && sdk.isPresent() && sdk.get().isMetricsBuildTimeEnabled();
        boolean micrometer = metrics && !otelMetrics
                && metricsCapability.isPresent() && metricsCapability.get().metricsSupported(MetricsFactory.MICROMETER);
        Metrics backend = otelMetrics ? Metrics.OPENTELEMETRY : micrometer ? Metrics.MICROMETER : Metrics.NONE;
        Consumer<MetricsFactory> ready = null;
        if (sdk.isPresent()) {
            boolean tracing = config.tracing().enabled() && sdk.get().isTracingBuildTimeEnabled();
            ready = recorder.install(sdk.get().isRuntimeEnabled(), tracing, backend, shutdown);
        } else if (micrometer) {
            ready = recorder.installMicrometer(shutdown);
        }
        if (micrometer) { // quarkus-micrometer calls it at run time, once its registries and filters are set up
            whenRegistriesReady.produce(new MetricsFactoryConsumerBuildItem(ready, ExecutionTime.RUNTIME_INIT));
        }
        return SkeinProcessor.started();
    }
}
