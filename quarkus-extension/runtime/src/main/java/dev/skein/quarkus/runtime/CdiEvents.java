package dev.skein.quarkus.runtime;

import dev.skein.diagnostics.Diagnostics;
import dev.skein.graph.Graph;
import dev.skein.graph.GraphListener;
import dev.skein.graph.RunReport;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import dev.skein.policy.PolicyListener;
import dev.skein.quarkus.BreakerStateChanged;
import io.quarkus.arc.ArcContainer;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * Core's graph and policy listeners, turned into CDI events (the contract users read is in
 * {@code dev.skein.quarkus}' package documentation).
 *
 * <p>Why synchronous, on the thread where it happened: core calls its listeners there, so that is where
 * the event is still in order with the run (a task's end before its dependents start, a run's report
 * before its caller has it, unless the caller, interrupted, left while the run was compensated: its final
 * report then comes from the compensations' thread), where the task's OpenTelemetry context and MDC are current for the logs an
 * observer writes, and where no queue can grow without bound or drop events when observers are slower
 * than tasks. The cost, a slow observer slowing the run, is the observer's to avoid; {@code @ObservesAsync}
 * is there for that. Each observer is called on its own (see {@link Observers}), so one that throws takes
 * nothing from the others.
 */
final class CdiEvents implements GraphListener, PolicyListener {

    private final Observers<RunStarted> runStarted;
    private final Observers<TaskEnded> taskEnded;
    private final Observers<CompensationEnded> compensationEnded;
    private final Observers<RunReport> runEnded;
    private final Observers<BreakerStateChanged> breakerChanged;

    private CdiEvents(ArcContainer container) {
        runStarted = new Observers<>(container, RunStarted.class);
        taskEnded = new Observers<>(container, TaskEnded.class);
        compensationEnded = new Observers<>(container, CompensationEnded.class);
        runEnded = new Observers<>(container, RunReport.class);
        breakerChanged = new Observers<>(container, BreakerStateChanged.class);
    }

    /**
     * Registers with the core what the beans of {@code container} observe: nothing, when they observe
     * none of these events. {@return what removes it again}
     */
    static Diagnostics.Registration register(ArcContainer container) {
        CdiEvents events = new CdiEvents(container);
        boolean graphs = events.runStarted.any() || events.taskEnded.any() || events.compensationEnded.any()
                || events.runEnded.any();
        Diagnostics.Registration graphListening = graphs ? Graph.addListener(events) : () -> {
        };
        // only breaker changes are fired: without their observers, policies need not call here at all
        Diagnostics.Registration policyListening = events.breakerChanged.any() ? Policies.addListener(events) : () -> {
        };
        return () -> {
            graphListening.close();
            policyListening.close();
        };
    }

    @Override
    public void onRunStarted(RunStarted event) {
        runStarted.fire(event);
    }

    @Override
    public void onTaskEnded(TaskEnded event) {
        taskEnded.fire(event);
    }

    @Override
    public void onCompensationEnded(CompensationEnded event) {
        compensationEnded.fire(event);
    }

    @Override
    public void onRunEnded(RunReport report) {
        runEnded.fire(report);
    }

    @Override
    public void onBreakerStateChange(Policy policy, CircuitBreakerState state) {
        breakerChanged.fire(new BreakerStateChanged(policy, state));
    }
}
