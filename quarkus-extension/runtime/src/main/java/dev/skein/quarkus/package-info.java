/**
 * Skein in Quarkus: annotated graphs ({@link dev.skein.quarkus.TaskGraph}, {@link dev.skein.quarkus.Task},
 * injected as {@link dev.skein.quarkus.SkeinGraph}), and what the extension adds around them.
 *
 * <h2>Events</h2>
 * What graphs and policies do arrives as CDI events, for health checks, dashboards and operators' code:
 * <table>
 * <caption>Skein's CDI events</caption>
 * <tr><th>Event type</th><th>When</th></tr>
 * <tr><td>{@link dev.skein.graph.GraphListener.RunStarted}</td><td>a run of a graph started</td></tr>
 * <tr><td>{@link dev.skein.graph.GraphListener.TaskEnded}</td><td>a task ran and ended (succeeded, failed,
 *     was cancelled, or was skipped by its condition)</td></tr>
 * <tr><td>{@link dev.skein.graph.GraphListener.CompensationEnded}</td><td>a task's compensation ended</td></tr>
 * <tr><td>{@link dev.skein.graph.RunReport}</td><td>a run ended, its compensations included</td></tr>
 * <tr><td>{@link dev.skein.quarkus.BreakerStateChanged}</td><td>a named policy's breaker moved</td></tr>
 * </table>
 * {@snippet :
 * @ApplicationScoped
 * class RunWatch {
 *     void onTask(@Observes GraphListener.TaskEnded task) {
 *         if (task.outcome() == TaskOutcome.FAILED) {
 *             Log.warnf("task %s of %s failed", task.task(), task.graph());
 *         }
 *     }
 *
 *     void onRun(@Observes RunReport report) {
 *         Log.infof("%s: %s in %s", report.graphName(), report.outcome(), report.duration());
 *     }
 * }
 * }
 * Every graph's runs are reported, those of annotated graphs and those built with {@code Graph.builder}.
 * <ul>
 * <li><b>{@code @Observes}</b> observers are called synchronously, on the thread where it happened (a
 * task's virtual thread, the caller's for the start and end of a run), before the run goes on: they see
 * the events of one task in order and the end of a run before its caller does, and logs they write carry
 * that task's trace. So they must be quick and must not block: a slow observer slows the run. The request
 * context is active while they run (that of the request, or a fresh one, as for any CDI event).</li>
 * <li><b>{@code @ObservesAsync}</b> observers are called later, on Quarkus' executor, and cannot slow the
 * run: use them for work that takes time.</li>
 * <li>An observer that throws (an {@code Error} included) is logged and changes nothing: not the run, its
 * tasks or compensations, not the breaker, and, unlike an ordinary synchronous CDI event, not the other
 * observers, which are still called.</li>
 * <li>Nothing is registered with the core when no bean observes these types: then they cost nothing.</li>
 * </ul>
 */
package dev.skein.quarkus;
