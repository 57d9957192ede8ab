package dev.skein.quarkus.deployment;

import dev.skein.graph.RunReport;
import dev.skein.quarkus.Compensates;
import dev.skein.quarkus.CompensatesUncertainEffect;
import dev.skein.quarkus.From;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.SkeinScope;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jboss.jandex.DotName;

/** The names the build steps look for. */
final class DotNames {

    static final DotName TASK = DotName.createSimple(Task.class);
    static final DotName TASK_GRAPH = DotName.createSimple(TaskGraph.class);
    static final DotName GRAPH_INPUT = DotName.createSimple(GraphInput.class);
    static final DotName FROM = DotName.createSimple(From.class);
    static final DotName COMPENSATES = DotName.createSimple(Compensates.class);
    static final DotName COMPENSATES_UNCERTAIN = DotName.createSimple(CompensatesUncertainEffect.class);
    static final DotName SKEIN_GRAPH = DotName.createSimple(SkeinGraph.class);
    static final DotName RUN_REPORT = DotName.createSimple(RunReport.class);
    static final DotName SKEIN_SCOPE = DotName.createSimple(SkeinScope.class);
    static final DotName UNI = DotName.createSimple(Uni.class);
    static final DotName MULTI = DotName.createSimple(Multi.class);
    static final DotName FLOW_PUBLISHER = DotName.createSimple(Flow.Publisher.class);
    static final DotName COMPLETION_STAGE = DotName.createSimple(CompletionStage.class);
    static final DotName COMPLETABLE_FUTURE = DotName.createSimple(CompletableFuture.class);
    static final DotName OPTIONAL = DotName.createSimple(Optional.class);
    static final DotName THROWABLE = DotName.createSimple(Throwable.class);
    static final DotName VOID = DotName.createSimple(Void.class);
    static final DotName IDENTIFIER = DotName.createSimple("io.smallrye.common.annotation.Identifier");

    private DotNames() {
    }
}
