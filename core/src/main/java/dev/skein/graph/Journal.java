package dev.skein.graph;

import java.util.Map;

/**
 * Records the runs of a durable graph ({@link Graph.Builder#journal}), so that when the instance running one
 * dies, another instance can read the run back and compensate it ({@link Graph#recover}). Skein calls it;
 * an implementation keeps the records somewhere that outlives the JVM (the module {@code skein-durable}
 * keeps them in the service's database).
 *
 * <p>What a write that throws does is part of the guarantee:
 * <ul>
 * <li>{@link #runStarting} throws: the run fails before any task starts.</li>
 * <li>{@link Entry#taskStarting} throws: the task does not run (it is reported {@code SKIPPED}) and the run
 * fails with an {@link IllegalStateException} caused by what was thrown. So a task's effect never happens
 * unrecorded.</li>
 * <li>{@link Entry#taskSucceeded} throws: the task's effect happened but its result is not recorded, so the
 * run fails and the task is compensated as uncertain ({@link TaskOptions#withUncertainCompensation}), as a
 * recovering instance would.</li>
 * <li>the other methods throw: logged, and nothing changes. A recovering instance then sees less than
 * happened and does more: a compensation it does not see as ended runs again, so compensations of durable
 * graphs must be idempotent.</li>
 * </ul>
 * Each method is called on the thread of what it records (a task's, a compensation's, the run's; the
 * compensations' own thread for the end of a run whose interrupted caller stopped waiting), and blocks it
 * until it returns.
 */
public interface Journal {

    /**
     * Records that a run of {@code graph} starts with {@code input}; called before any of its tasks starts.
     * {@return the run's entry, which records the rest}
     * @throws Exception if it could not be recorded: the run fails before any task starts (an
     * {@link InterruptedException}: the caller was interrupted, the run is cancelled and the caller gets it)
     */
    Entry runStarting(Graph<?> graph, Object input) throws Exception;

    /** The journal's record of one run. */
    interface Entry {

        /**
         * Records that {@code task} starts; called on the task's thread before its function.
         * @throws Exception if it could not be recorded: the task does not run, and the run fails
         */
        void taskStarting(TaskKey<?> task) throws Exception;

        /**
         * Records that {@code task} succeeded with {@code result}.
         * @throws Exception if it could not be recorded: the run fails, and the task is compensated as
         * uncertain
         */
        void taskSucceeded(TaskKey<?> task, Object result) throws Exception;

        /**
         * Records that {@code task} ended without a result: {@code FAILED} or {@code CANCELLED} with
         * {@code failure}, or {@code SKIPPED} by its condition (failure null).
         */
        void taskEnded(TaskKey<?> task, TaskOutcome outcome, Throwable failure) throws Exception;

        /**
         * Records that the compensation of {@code task} ended: {@code COMPENSATED}, or
         * {@code COMPENSATION_FAILED} after its last attempt with {@code failure}.
         */
        void compensationEnded(TaskKey<?> task, TaskOutcome outcome, Throwable failure) throws Exception;

        /** Records that the run ended, compensations included, as {@code report} says. */
        void runEnded(RunReport report) throws Exception;
    }

    /**
     * A run as a journal recorded it, read back by an instance that did not run it.
     *
     * @param input the run's input
     * @param tasks per task name, what the journal knows of it; a task not in the map never started
     * @param <I> the type of the graph's input
     */
    record RecordedRun<I>(I input, Map<String, RecordedTask> tasks) {

        /** Copies {@code tasks}. */
        public RecordedRun {
            tasks = Map.copyOf(tasks);
        }
    }

    /**
     * What a journal recorded of one task.
     *
     * @param outcome {@code SUCCEEDED} (its compensation runs with {@code result}); {@code FAILED} or
     * {@code CANCELLED}, also for a task that started and has no recorded end (its uncertain compensation
     * runs); {@code SKIPPED}; or {@code COMPENSATED} (undone already: not again)
     * @param result the task's result, for {@code SUCCEEDED}, and for {@code COMPENSATED} if it had succeeded (the
     * uncertain compensations of the tasks that depend on it take it)
     * @param failure why it did not succeed, as recorded, for {@code FAILED} or {@code CANCELLED}
     */
    record RecordedTask(TaskOutcome outcome, Object result, String failure) {

        /** Checks that {@code outcome} is one a journal can record. */
        public RecordedTask {
            switch (outcome) {
                case SUCCEEDED, FAILED, CANCELLED, SKIPPED, COMPENSATED -> {
                }
                case null -> throw new NullPointerException("outcome");
                default -> throw new IllegalArgumentException("a recorded task is SUCCEEDED, FAILED, CANCELLED, SKIPPED "
                        + "or COMPENSATED, not " + outcome);
            }
        }
    }
}
