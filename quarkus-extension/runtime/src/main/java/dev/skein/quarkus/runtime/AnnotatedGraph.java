package dev.skein.quarkus.runtime;

import dev.skein.GraphFailedException;
import dev.skein.graph.Graph;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskKey;
import dev.skein.quarkus.SkeinGraph;
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
        return resultOf(graph.run(input));
    }

    @Override
    public Uni<O> runAsUni(I input) {
        return graph.runAsUni(input).map(this::resultOf);
    }

    @Override
    public RunReport runForReport(I input) throws InterruptedException {
        return graph.runForReport(input);
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
