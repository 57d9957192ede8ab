package dev.skein.quarkus.deployment;

import dev.skein.quarkus.runtime.TelemetryRecorder;
import dev.skein.quarkus.runtime.config.SkeinBuildTimeConfig;
import io.quarkus.arc.deployment.OpenTelemetrySdkBuildItem;
import io.quarkus.arc.deployment.SyntheticBeansRuntimeInitBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import java.util.Optional;

/**
 * Telemetry: with {@code quarkus-opentelemetry} present (it alone produces {@link OpenTelemetrySdkBuildItem}),
 * Skein's spans and metrics go to the application's {@code OpenTelemetry} bean, so that a run's spans sit
 * under the span current where it was started, the HTTP server span of a request for one. Without it,
 * nothing is recorded and Skein makes no spans.
 */
class TelemetryProcessor {

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class) // the OpenTelemetry bean is a run-time synthetic bean
    ServiceStartBuildItem useApplicationsOpenTelemetry(Optional<OpenTelemetrySdkBuildItem> sdk, SkeinBuildTimeConfig config,
            TelemetryRecorder recorder, ShutdownContextBuildItem shutdown) {
        if (sdk.isPresent()) {
            boolean tracing = config.tracing().enabled() && sdk.get().isTracingBuildTimeEnabled();
            recorder.install(sdk.get().isRuntimeEnabled(), tracing, shutdown);
        }
        return SkeinProcessor.started();
    }
}
