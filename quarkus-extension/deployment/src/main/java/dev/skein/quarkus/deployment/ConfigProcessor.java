package dev.skein.quarkus.deployment;

import dev.skein.quarkus.runtime.ConfigRecorder;
import io.quarkus.arc.deployment.BeanArchiveIndexBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Produce;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;

/**
 * The global part of {@code quarkus.skein.*}: scope defaults and overrides (checked against the scope names the
 * build finds), open sites. Applied before the graphs are built, which rely on its checks.
 */
class ConfigProcessor {

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Produce(ConfigAppliedBuildItem.class)
    ServiceStartBuildItem apply(ConfigRecorder recorder, BeanArchiveIndexBuildItem beans, ShutdownContextBuildItem shutdown) {
        recorder.apply(ScopeChecks.names(beans.getIndex()), shutdown);
        return SkeinProcessor.started();
    }
}
