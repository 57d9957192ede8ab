package dev.skein.quarkus.deployment;

import dev.skein.quarkus.runtime.EventsRecorder;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;

/**
 * Events for operators: what graphs and policies do, fired as CDI events to the beans that observe them
 * (see the package documentation of {@code dev.skein.quarkus}), from start-up until the application stops.
 */
class EventsProcessor {

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(BeanContainerBuildItem.class) // observers are resolved from the running container
    ServiceStartBuildItem fireRunsAsEvents(EventsRecorder recorder, ShutdownContextBuildItem shutdown) {
        recorder.register(shutdown);
        return SkeinProcessor.started();
    }
}
