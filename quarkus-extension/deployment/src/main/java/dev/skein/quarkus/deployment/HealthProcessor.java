package dev.skein.quarkus.deployment;

import dev.skein.quarkus.runtime.health.HealthRecorder;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;

/**
 * Health, when the application has {@code quarkus-smallrye-health}: readiness {@code skein-breakers} and
 * {@code skein-shared-limits}, liveness {@code skein-stuck-branches}, and the check of
 * {@code quarkus.skein.health.*} at start-up, once the named policies are defined. Without that extension, nothing
 * here runs and the checks' classes are never loaded.
 */
class HealthProcessor {

    /** By name: the build's class path has no MicroProfile Health API, only the application's may. */
    private static final String READINESS = "dev.skein.quarkus.runtime.health.BreakersReadinessCheck";
    private static final String SHARED_LIMITS = "dev.skein.quarkus.runtime.health.SharedLimitsReadinessCheck";
    private static final String LIVENESS = "dev.skein.quarkus.runtime.health.StuckBranchesLivenessCheck";

    @BuildStep
    void checks(Capabilities capabilities, BuildProducer<HealthBuildItem> checks) {
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            checks.produce(new HealthBuildItem(READINESS, true));
            checks.produce(new HealthBuildItem(SHARED_LIMITS, true));
            checks.produce(new HealthBuildItem(LIVENESS, true));
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(NamedPoliciesBuildItem.class)
    ServiceStartBuildItem configure(Capabilities capabilities, HealthRecorder recorder, ShutdownContextBuildItem shutdown) {
        if (capabilities.isPresent(Capability.SMALLRYE_HEALTH)) {
            recorder.configure(shutdown);
        }
        return SkeinProcessor.started();
    }
}
