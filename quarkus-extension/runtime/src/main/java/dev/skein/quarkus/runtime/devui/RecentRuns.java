package dev.skein.quarkus.runtime.devui;

import dev.skein.graph.RunReport;
import dev.skein.graph.TaskReport;
import dev.skein.internal.Text;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The last runs of each graph, for the Dev UI (dev mode only), kept from the {@link RunReport} events as
 * plain text and times: the runs' results are not held. Bounded: {@value #PER_GRAPH} runs of each of the
 * {@value #GRAPHS} graphs that ran last, {@value #TASKS} tasks of each.
 */
@Singleton
public class RecentRuns {

    static final int PER_GRAPH = 10;
    static final int GRAPHS = 50;
    static final int TASKS = 500;
    private static final Logger LOG = Logger.getLogger(RecentRuns.class);

    /**
     * A run as the Gantt chart draws it.
     *
     * @param graph the graph's name
     * @param outcome how the run ended
     * @param startedAt when it started (ISO-8601)
     * @param durationMillis how long its tasks ran
     * @param failedTask the task whose failure failed it, if one did
     * @param failure why it did not succeed, if it did not
     * @param tasks a bar per task, as the graph declares them
     * @param omittedTasks tasks beyond the bound, left out
     */
    public record Run(String graph, String outcome, String startedAt, long durationMillis, String failedTask,
            String failure, List<Bar> tasks, int omittedTasks) {
    }

    /**
     * A task of a run: milliseconds from the run's start, {@code -1} for what did not happen.
     *
     * @param task the task's name
     * @param outcome how it ended
     * @param start when it started
     * @param end when it ended
     * @param compensationStart when its compensation started
     * @param compensationEnd when its compensation ended
     * @param failure what it (or else its compensation) threw, if anything
     */
    public record Bar(String task, String outcome, long start, long end, long compensationStart, long compensationEnd,
            String failure) {
    }

    /** Newest last, by graph; the graph that ran least recently is dropped first. */
    private final LinkedHashMap<String, Deque<Run>> runs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Run>> eldest) {
            return size() > GRAPHS;
        }
    };

    void onRunEnded(@Observes RunReport report) {
        try {
            Run run = toRun(report);
            synchronized (runs) {
                Deque<Run> ofGraph = runs.computeIfAbsent(run.graph(), g -> new ArrayDeque<>());
                ofGraph.addLast(run);
                if (ofGraph.size() > PER_GRAPH) {
                    ofGraph.removeFirst();
                }
            }
        } catch (Throwable t) { // the Dev UI never fails a run
            LOG.debugf("Skein Dev UI: run of %s not kept: %s", report.graphName(), Text.describe(t));
        }
    }

    /** {@return the runs kept, by graph name, newest first} */
    public List<Run> runs() {
        List<Run> all = new ArrayList<>();
        synchronized (runs) {
            runs.values().forEach(ofGraph -> ofGraph.descendingIterator().forEachRemaining(all::add));
        }
        all.sort(Comparator.comparing(Run::graph)); // stable: newest first within a graph
        return all;
    }

    static Run toRun(RunReport report) {
        Instant zero = report.startedAt();
        List<Bar> bars = new ArrayList<>();
        List<TaskReport> tasks = report.tasks();
        for (TaskReport t : tasks.subList(0, Math.min(TASKS, tasks.size()))) {
            Optional<Throwable> failure = t.compensationFailure().or(t::failure);
            bars.add(new Bar(Text.name(t.name()), t.outcome().name(), millis(zero, t.startedAt()), millis(zero, t.endedAt()),
                    millis(zero, t.compensationStartedAt()), millis(zero, t.compensationEndedAt()),
                    failure.map(Text::describe).orElse(null)));
        }
        return new Run(Text.name(report.graphName()), report.outcome().name(), zero.toString(), report.duration().toMillis(),
                report.failedTask().map(Text::name).orElse(null), report.failure().map(Text::describe).orElse(null),
                List.copyOf(bars), tasks.size() - bars.size());
    }

    private static long millis(Instant zero, Optional<Instant> at) {
        return at.map(a -> Duration.between(zero, a).toMillis()).orElse(-1L);
    }
}
