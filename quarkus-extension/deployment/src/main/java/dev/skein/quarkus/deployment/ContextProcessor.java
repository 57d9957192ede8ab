package dev.skein.quarkus.deployment;

import dev.skein.quarkus.runtime.ContextRecorder;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;

/** The request's context in every branch: see {@link ContextRecorder}. */
class ContextProcessor {

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    ServiceStartBuildItem carry(ContextRecorder recorder) {
        recorder.carryRequestContext();
        return SkeinProcessor.started();
    }
}
