package dev.skein.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A journal in memory, for tests: each call is added to a {@link Trail} (shared with the tasks, so the
 * order of records and effects can be asserted) and to a log of what was recorded; a call whose event
 * starts with a {@linkplain #failing failing} prefix throws instead, recording nothing.
 */
final class RecordingJournal implements Journal {

    /** One call, as a journal would store it. */
    record Event(String kind, String task, Object value, TaskOutcome outcome, Throwable failure) {
    }

    final Trail trail;
    private final List<Event> log = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Throwable> faults = new ConcurrentHashMap<>();
    final List<RunReport> runsEnded = Collections.synchronizedList(new ArrayList<>());

    RecordingJournal(Trail trail) {
        this.trail = trail;
    }

    RecordingJournal() {
        this(new Trail());
    }

    /** Makes each call whose event starts with {@code prefix} throw {@code fault}. {@return this} */
    RecordingJournal failing(String prefix, Throwable fault) {
        faults.put(prefix, fault);
        return this;
    }

    /** {@return what was recorded so far, in order} */
    List<Event> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** {@return the recorded events of {@code kind}, by task, in the order they were recorded} */
    Map<String, Event> byTask(String kind) {
        Map<String, Event> events = new LinkedHashMap<>();
        for (Event e : log()) {
            if (e.kind().equals(kind)) {
                events.put(e.task(), e);
            }
        }
        return events;
    }

    /**
     * {@return the run as a recovering instance reads back a snapshot {@code log} of this journal}
     * Recorded successes are SUCCEEDED with their result, other recorded ends are as recorded, a task
     * with a start and no end is CANCELLED (no failure), and an ended compensation is COMPENSATED.
     */
    static <I> Journal.RecordedRun<I> readBack(I input, List<Event> log) {
        Map<String, Journal.RecordedTask> tasks = new LinkedHashMap<>();
        for (Event e : log) {
            switch (e.kind()) {
                case "task starting" -> tasks.put(e.task(), new Journal.RecordedTask(TaskOutcome.CANCELLED, null, null));
                case "task succeeded" -> tasks.put(e.task(), new Journal.RecordedTask(TaskOutcome.SUCCEEDED, e.value(), null));
                case "task ended" -> tasks.put(e.task(), new Journal.RecordedTask(e.outcome(), null,
                        e.failure() == null ? null : e.failure().toString()));
                case "compensation ended" -> {
                    if (e.outcome() == TaskOutcome.COMPENSATED) {
                        tasks.put(e.task(), new Journal.RecordedTask(TaskOutcome.COMPENSATED, null, null));
                    }
                }
                default -> {
                }
            }
        }
        return new Journal.RecordedRun<>(input, tasks);
    }

    @Override
    public Entry runStarting(Graph<?> graph, Object input) throws Exception {
        write(new Event("run starting", null, input, null, null), "run starting " + graph.name() + " with " + input);
        return entry();
    }

    /** {@return an entry of this journal, as one for a run read back} */
    Entry entry() {
        return new Entry() {
            @Override
            public void taskStarting(TaskKey<?> task) throws Exception {
                write(new Event("task starting", task.name(), null, null, null), "task starting " + task.name());
            }

            @Override
            public void taskSucceeded(TaskKey<?> task, Object result) throws Exception {
                write(new Event("task succeeded", task.name(), result, TaskOutcome.SUCCEEDED, null),
                        "task succeeded " + task.name() + " = " + result);
            }

            @Override
            public void taskEnded(TaskKey<?> task, TaskOutcome outcome, Throwable failure) throws Exception {
                write(new Event("task ended", task.name(), null, outcome, failure), "task ended " + task.name() + " " + outcome);
            }

            @Override
            public void compensationEnded(TaskKey<?> task, TaskOutcome outcome, Throwable failure) throws Exception {
                write(new Event("compensation ended", task.name(), null, outcome, failure),
                        "compensation ended " + task.name() + " " + outcome);
            }

            @Override
            public void runEnded(RunReport report) throws Exception {
                write(new Event("run ended", null, report, null, null), "run ended " + report.outcome());
                runsEnded.add(report);
            }
        };
    }

    private void write(Event event, String description) throws Exception {
        for (Map.Entry<String, Throwable> fault : faults.entrySet()) {
            if (description.startsWith(fault.getKey())) {
                if (fault.getValue() instanceof Error e) {
                    throw e;
                }
                throw (Exception) fault.getValue();
            }
        }
        synchronized (log) { // the log and the trail in the same order
            log.add(event);
            trail.add(description);
        }
    }
}
