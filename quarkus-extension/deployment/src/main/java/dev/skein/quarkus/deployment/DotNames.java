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

    // fault tolerance: MicroProfile's and SmallRye's annotations, by name (the FT extension may be absent)
    static final DotName RETRY = mp("Retry");
    static final DotName CIRCUIT_BREAKER = mp("CircuitBreaker");
    static final DotName TIMEOUT = mp("Timeout");
    static final DotName BULKHEAD = mp("Bulkhead");
    static final DotName FALLBACK = mp("Fallback");
    static final DotName ASYNCHRONOUS = mp("Asynchronous");
    static final DotName FALLBACK_HANDLER = mp("FallbackHandler");
    static final DotName FALLBACK_DEFAULT = mp("Fallback$DEFAULT");
    static final DotName RATE_LIMIT = smallRye("RateLimit");
    static final DotName EXPONENTIAL_BACKOFF = smallRye("ExponentialBackoff");
    static final DotName FIBONACCI_BACKOFF = smallRye("FibonacciBackoff");
    static final DotName CUSTOM_BACKOFF = smallRye("CustomBackoff");
    static final DotName RETRY_WHEN = smallRye("RetryWhen");
    static final DotName BEFORE_RETRY = smallRye("BeforeRetry");
    static final DotName ASYNCHRONOUS_NON_BLOCKING = smallRye("AsynchronousNonBlocking");
    static final DotName APPLY_GUARD = smallRye("ApplyGuard");
    static final DotName APPLY_FAULT_TOLERANCE = smallRye("ApplyFaultTolerance");
    static final DotName CIRCUIT_BREAKER_NAME = smallRye("CircuitBreakerName");

    private DotNames() {
    }

    private static DotName mp(String simpleName) {
        return DotName.createSimple("org.eclipse.microprofile.faulttolerance." + simpleName);
    }

    private static DotName smallRye(String simpleName) {
        return DotName.createSimple("io.smallrye.faulttolerance.api." + simpleName);
    }
}
