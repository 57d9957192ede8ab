package dev.skein.quarkus;

import dev.skein.GraphFailedException;
import dev.skein.graph.Graph;
import dev.skein.graph.RunReport;
import io.smallrye.mutiny.Uni;

/**
 * A graph of {@link Task} methods, ready to run: inject it by its input and result types.
 * {@snippet :
 * @Inject SkeinGraph<OrderRequest, Confirmation> placeOrder;
 *
 * Confirmation confirmation = placeOrder.run(request);          // blocking: call it on a virtual thread
 * Uni<Confirmation> later = placeOrder.runAsUni(request);       // or as a Uni
 * }
 * {@code I} is the type of the {@link GraphInput} parameters ({@code Void} when no task takes the
 * input); {@code O} is the result type of the graph's last task, the one task no other task depends on,
 * or {@link RunReport} when the graph has several, or when that one task is optional or conditional
 * ({@code @Task(optional = true)}, {@code onlyIf}): a run that succeeds may then end without its result, and
 * the report says how it ended. Where two graphs have the same types, add the graph's name as a qualifier:
 * {@code @Identifier("place order")}.
 *
 * @implSpec Thread-safe: any number of runs at once. Each run is a scope, nested under the calling branch
 * when called inside one (see {@link Graph#run}).
 * @param <I> the input type
 * @param <O> the result type
 */
public interface SkeinGraph<I, O> {

    /**
     * Runs the graph and waits for it, compensations included. On a Vert.x event loop thread, which must
     * not wait, it throws {@code BlockingOperationNotAllowedException} at once: use {@link #runAsUni} there. {@return the result of the last task (the
     * report, when {@code O} is {@link RunReport})}
     * @throws GraphFailedException if the run did not succeed; it carries the report
     * @throws InterruptedException if the caller was interrupted (the run was cancelled and compensated)
     */
    O run(I input) throws InterruptedException;

    /** {@return a {@code Uni} that runs the graph when subscribed to, emitting what {@link #run} returns} */
    Uni<O> runAsUni(I input);

    /** Like {@link #run}, but returns the report whatever the outcome. {@return the report} */
    RunReport runForReport(I input) throws InterruptedException;

    /** {@return the core graph the tasks form: its name, tasks and pictures ({@code toMermaid()})} */
    Graph<I> graph();
}
