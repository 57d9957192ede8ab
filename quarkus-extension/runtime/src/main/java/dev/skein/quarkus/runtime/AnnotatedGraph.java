package dev.skein.quarkus.runtime;

import dev.skein.GraphFailedException;
import dev.skein.graph.Graph;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskKey;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.internal.Text;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.BlockingOperationNotAllowedException;
import io.smallrye.mutiny.Uni;

/** The handle users inject: a core graph, and the key of the task whose result a run returns. */
final class AnnotatedGraph<I, O> implements SkeinGraph<I, O> {

    private final Graph<I> graph;
    /** Null when runs return their report: several last tasks, or one that is optional or conditional. */
    private final TaskKey<?> result;

    AnnotatedGraph(Graph<I> graph, TaskKey<?> result) {
        this.graph = graph;
        this.result = result;
    }

    @Override
    public O run(I input) throws InterruptedException {
        requireBlockingAllowed("run");
        return resultOf(graph.run(input));
    }

    @Override
    public Uni<O> runAsUni(I input) {
        return graph.runAsUni(input).map(this::resultOf);
    }

    @Override
    public RunReport runForReport(I input) throws InterruptedException {
        requireBlockingAllowed("runForReport");
        return graph.runForReport(input);
    }

    /** A blocking run on a Vert.x event loop would stall every request it serves: refused, saying what to do. */
    private void requireBlockingAllowed(String method) {
        if (!BlockingOperationControl.isBlockingAllowed()) {
            throw new BlockingOperationNotAllowedException(method + "() of graph '" + Text.name(graph.name())
                    + "' waits for the run, and this is a Vert.x event loop thread, which must not wait: call runAsUni(...)"
                    + " here, or call it from a worker or virtual thread (@Blocking, @RunOnVirtualThread)");
        }
    }

    @Override
    public Graph<I> graph() {
        return graph;
    }

    @SuppressWarnings("unchecked")
    private O resultOf(RunReport report) {
        if (!report.succeeded()) { // run() throws this itself; runAsUni's map only sees successes
            throw new GraphFailedException(report);
        }
        return result == null ? (O) report : (O) report.get(result);
    }

    @Override
    public String toString() {
        return "SkeinGraph[" + graph.name() + "]";
    }
}
