package dev.skein.durable;

import dev.skein.graph.Graph;
import dev.skein.graph.Journal;
import dev.skein.graph.RunOutcome;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskKey;
import dev.skein.graph.TaskOutcome;
import dev.skein.graph.TaskReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The journal in the tables {@code skein_run} and {@code skein_task}: a task costs two statements, one round
 * trip each (its start and its end), fewer when records come together ({@link JournalWriter}). On PostgreSQL
 * and H2 the run's own records cost none of their own: its start is written with its first task's start, and
 * its success with its last task's, one statement for the two tables ({@link Folds}). Elsewhere they are two
 * statements more.
 */
final class JdbcJournal implements Journal {

    private static final System.Logger LOG = System.getLogger("dev.skein.durable");
    private static final String INSERT_RUN = "insert into skein_run (id, graph, graph_version, input, owner, status, started_at) "
            + "values (?, ?, ?, ?, ?, 'RUNNING', current_timestamp)";
    private static final String START_TASK = "insert into skein_task (run_id, task, outcome, started_at) "
            + "select id, ?, 'STARTED', current_timestamp from skein_run where id = ? and status = 'RUNNING' and owner = ?";
    /** Followed by a condition: that the run is this instance's, or (on PostgreSQL) that its success was written. */
    private static final String SUCCEED_TASK_IF = "update skein_task set outcome = 'SUCCEEDED', result = ?, "
            + "ended_at = current_timestamp where run_id = ? and task = ? and ";
    private static final String SUCCEED_TASK = SUCCEED_TASK_IF
            + "exists (select 1 from skein_run where id = ? and status = 'RUNNING' and owner = ?)";
    /** The run's success, while it is still this instance's (checked again once its row is locked). */
    private static final String SUCCEED_RUN = "update skein_run set status = 'SUCCEEDED', outcome = 'SUCCEEDED', "
            + "ended_at = current_timestamp where id = ? and status = 'RUNNING' and owner = ?";
    /**
     * The condition of a task's end or compensation's end: its run is still this instance's (parameters: the run's
     * id, its two statuses {@link RunEntry#ownStatuses}, the owner), so that a late write does not overwrite the
     * record of an instance that took the run over meanwhile.
     */
    private static final String RUN_STILL_OWNED = " and exists (select 1 from skein_run where id = ? and status in (?, ?) "
            + "and owner = ?)";

    /**
     * One statement that writes a task's record and its run's, in the database's own syntax: PostgreSQL's
     * data-modifying {@code WITH}, H2's data change delta table. Each answers one row changed when it changed both
     * tables.
     *
     * @param startRunWithTask inserts the run ({@link #INSERT_RUN}'s parameters) and its first task's start
     * (then the task's name)
     * @param succeedRunWithTask records the run's success ({@link #SUCCEED_RUN}) and, only if that changed the run,
     * its last task's (parameters by {@link #succeedParameters}). The run's update decides: it checks that the run is
     * still this instance's once it holds the run's row (another instance may have taken the run over since the
     * statement began), which a read in the statement would not
     */
    record Folds(String startRunWithTask, String succeedRunWithTask) {

        static final Folds POSTGRESQL = new Folds(
                "with started as (" + INSERT_RUN + " returning id) insert into skein_task (run_id, task, outcome, started_at) "
                        + "select id, ?, 'STARTED', current_timestamp from started",
                "with succeeded as (" + SUCCEED_RUN + " returning id) " + SUCCEED_TASK_IF + "exists (select 1 from succeeded)");
        static final Folds H2 = new Folds(
                "insert into skein_task (run_id, task, outcome, started_at) select id, ?, 'STARTED', current_timestamp "
                        + "from final table (" + INSERT_RUN + ")",
                // (H2 finds no row in an update's subquery of a data change delta table, but a merge's source has it)
                "merge into skein_task t using (select id from final table (" + SUCCEED_RUN + ")) r on t.run_id = r.id "
                        + "and t.task = ? when matched then update set outcome = 'SUCCEEDED', result = ?, ended_at = current_timestamp");

        /** {@return the folds in the syntax of the database named {@code product} (JDBC's product name), or null} */
        static Folds of(String product) {
            return switch (product) {
                case "PostgreSQL" -> POSTGRESQL;
                case "H2" -> H2;
                default -> null;
            };
        }

        /** {@return the parameters of {@link #succeedRunWithTask}} */
        Object[] succeedParameters(String run, String owner, String result, String task) {
            return this == H2 ? new Object[] {run, owner, task, result} : new Object[] {run, owner, result, run, task};
        }

        /** {@return the parameters of {@link #startRunWithTask}} */
        Object[] startParameters(Object[] run, String task) {
            Object[] parameters = new Object[run.length + 1];
            if (this == H2) { // the task's name comes first there
                parameters[0] = task;
                System.arraycopy(run, 0, parameters, 1, run.length);
            } else {
                System.arraycopy(run, 0, parameters, 0, run.length);
                parameters[run.length] = task;
            }
            return parameters;
        }
    }

    private final JournalWriter writer;
    private final JournalCodec codec;
    private final String owner;
    private final PendingEnds pendingEnds;
    private final Sql sql;
    /** The folds of the journal's database, or null: the run's records are statements of their own. */
    private final Folds folds;

    JdbcJournal(JournalWriter writer, Sql sql, JournalCodec codec, String owner, PendingEnds pendingEnds, Folds folds) {
        this.writer = writer;
        this.sql = sql;
        this.codec = codec;
        this.owner = owner;
        this.pendingEnds = pendingEnds;
        this.folds = folds;
    }

    /**
     * Writes the run's start now, or, where the database allows ({@link Folds}), with its first task's start: a
     * run is in the journal once a task of it starts.
     */
    @Override
    public Entry runStarting(Graph<?> graph, Object input) throws Exception {
        String id = UUID.randomUUID().toString();
        Object[] run = {id, graph.name(), version(graph), input == null ? null : codec.write(input), owner};
        if (folds == null) {
            writer.update(INSERT_RUN, run);
            return new RunEntry(id, true, null, graph.tasks().size(), null);
        }
        return new RunEntry(id, true, null, graph.tasks().size(), run);
    }

    /**
     * The entry of a run another instance started, which this one compensates; {@code retried}: the run was parked,
     * and a person retried it (its outcome and reason then, kept in the new reason), else null.
     */
    Entry recovering(String runId, Retried retried) {
        return new RunEntry(runId, false, retried, 0, null);
    }

    /** What the journal had of a parked run when a person retried it. */
    record Retried(String outcome, String reason) {
    }

    /** {@return a digest of the graph's tasks, their result types and dependencies} */
    static String version(Graph<?> graph) {
        StringBuilder s = new StringBuilder();
        for (TaskKey<?> task : graph.tasks()) {
            s.append(task.name()).append(':').append(task.type().getName()).append('<');
            for (TaskKey<?> dependency : graph.dependenciesOf(task)) {
                s.append(dependency.name()).append(',');
            }
            s.append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The status a run ends in, from its final report. */
    static RunStatus status(RunReport report) {
        if (report.succeeded()) {
            return RunStatus.SUCCEEDED;
        }
        for (TaskReport task : report.tasks()) {
            if (task.outcome() == TaskOutcome.COMPENSATION_FAILED) {
                return RunStatus.PARKED;
            }
        }
        return RunStatus.COMPENSATED;
    }

    private final class RunEntry implements Entry {

        private final String id;
        /** Written by the owner (RUNNING), or by the instance that recovers the run (RECOVERING). */
        private final boolean owned;
        private final Retried retried;
        /** How many tasks the graph has (0 for a recovery, which runs none). */
        private final int tasks;
        /** The parameters of the run's start ({@link #INSERT_RUN}) while it is not written yet, else null. */
        private volatile Object[] unwrittenStart;
        /** How many tasks' ends (a success or a skip) the journal has recorded. */
        private final AtomicInteger recordedEnds = new AtomicInteger();
        /** Whether the run's success was written with its last task's. */
        private volatile boolean succeeded;

        RunEntry(String id, boolean owned, Retried retried, int tasks, Object[] unwrittenStart) {
            this.id = id;
            this.owned = owned;
            this.retried = retried;
            this.tasks = tasks;
            this.unwrittenStart = unwrittenStart;
        }

        @Override
        public void taskStarting(TaskKey<?> task) throws Exception {
            if (unwrittenStart != null) {
                synchronized (this) { // tasks with no dependencies start together: the first writes the run
                    Object[] run = unwrittenStart;
                    if (run != null) {
                        writer.update(folds.startRunWithTask(), folds.startParameters(run, task.name()));
                        unwrittenStart = null;
                        return;
                    }
                }
            }
            int rows = writer.update(START_TASK, task.name(), id, owner);
            if (rows != 1) {
                throw new IllegalStateException("run " + id + " is no longer this instance's (" + owner + "): another "
                        + "instance took it over, its heartbeat having stopped for longer than the takeover time");
            }
        }

        /**
         * Writes the run's success with the task's if every other task's end is recorded already: the run then
         * succeeds (the graph reports a run whose every task ended so as a success, whatever comes after).
         */
        @Override
        public void taskSucceeded(TaskKey<?> task, Object result) throws Exception {
            String text = result == null ? null : codec.write(result);
            boolean last = folds != null && owned && recordedEnds.get() == tasks - 1;
            int rows = last ? writer.update(folds.succeedRunWithTask(), folds.succeedParameters(id, owner, text, task.name()))
                    : writer.update(SUCCEED_TASK, text, id, task.name(), id, owner);
            if (rows != 1) {
                throw new IllegalStateException("run " + id + " is no longer this instance's (" + owner + "): another "
                        + "instance took it over while task '" + task.name() + "' ran, its heartbeat having stopped "
                        + "for longer than the takeover time");
            }
            if (last) {
                succeeded = true;
            }
            recordedEnds.incrementAndGet();
        }

        @Override
        public void taskEnded(TaskKey<?> task, TaskOutcome outcome, Throwable failure) throws Exception {
            Object[] statuses = ownStatuses();
            expectOne(writer.update("update skein_task set outcome = ?, failure = ?, ended_at = current_timestamp "
                    + "where run_id = ? and task = ?" + RUN_STILL_OWNED, outcome.name(), Failures.describe(failure), id,
                    task.name(), id, statuses[0], statuses[1], owner), task);
            if (outcome == TaskOutcome.SKIPPED) {
                recordedEnds.incrementAndGet();
            }
        }

        @Override
        public void compensationEnded(TaskKey<?> task, TaskOutcome outcome, Throwable failure) throws Exception {
            String write = "update skein_task set compensation = ?, compensation_failure = ?, compensated_at = current_timestamp "
                    + "where run_id = ? and task = ?" + RUN_STILL_OWNED;
            Object[] statuses = ownStatuses();
            Object[] parameters = {outcome.name(), Failures.describe(failure), id, task.name(), id, statuses[0], statuses[1], owner};
            int rows;
            try {
                rows = writer.update(write, parameters);
            } catch (SQLException e) {
                // written again at each heartbeat, before the run's end: once recorded, a recovery does not undo it again
                pendingEnds.add(write, parameters);
                throw e;
            }
            if (rows != 1) {
                throw new IllegalStateException("the journal has no start of task '" + task.name() + "' in run " + id
                        + ", or the run is no longer this instance's (" + owner + ")");
            }
        }

        /**
         * {@return the statuses the run has while this entry writes it: RECOVERING for a recovery; RUNNING for the
         * owner, or SUCCEEDED if written with a task's success and then compensated all the same} That happens if
         * the write's answer was lost after it committed (the task's success then counts as unrecorded), or if an
         * {@code Error} came after it: the compensations' and the run's ends then correct the record.
         */
        private Object[] ownStatuses() {
            return owned ? new Object[] {RunStatus.RUNNING.name(), RunStatus.SUCCEEDED.name()}
                    : new Object[] {RunStatus.RECOVERING.name(), RunStatus.RECOVERING.name()};
        }

        @Override
        public void runEnded(RunReport report) throws Exception {
            if (succeeded && report.succeeded()) {
                return; // written with the last task's success
            }
            RunStatus status = status(report);
            String reason = report.succeeded() ? null : report.outcome() == RunOutcome.OWNER_LOST
                    ? "owner lost" + parkedBecause(report)
                    : report.failure().map(Failures::describe).orElse(report.outcome().name()) + parkedBecause(report);
            String outcome = report.outcome().name();
            if (retried != null) { // the run's outcome stays what it was; the reason says what the retry did
                outcome = retried.outcome() == null ? outcome : retried.outcome();
                reason = (status == RunStatus.PARKED ? "parked again on a retry by hand" + parkedBecause(report)
                        : "compensated on a retry by hand") + "; before it: " + retried.reason();
            }
            String write = "update skein_run set status = ?, outcome = ?, reason = ?, ended_at = current_timestamp "
                    + "where id = ? and status in (?, ?) and owner = ?";
            Object[] statuses = ownStatuses();
            Object[] parameters = {status.name(), outcome, Failures.cut(reason), id, statuses[0], statuses[1], owner};
            Object[] run = unwrittenStart;
            if (run != null) { // no task started: the whole run in one statement
                try {
                    writer.update("insert into skein_run (id, graph, graph_version, input, owner, status, outcome, reason, "
                            + "started_at, ended_at) values (?, ?, ?, ?, ?, ?, ?, ?, current_timestamp, current_timestamp)",
                            run[0], run[1], run[2], run[3], run[4], status.name(), outcome, Failures.cut(reason));
                } catch (SQLException e) {
                    // a first task's start that failed may have been written all the same (its commit's answer lost):
                    // then this ends it, once the database answers, before the run could be taken for an orphan
                    pendingEnds.add(write, parameters);
                    throw e;
                }
                return;
            }
            // the run's end goes after the compensations' ends still waiting (none, but after an outage: no lock then)
            if (!pendingEnds.isEmpty() && !pendingEnds.flush(sql)) {
                pendingEnds.add(write, parameters);
                throw new SQLException("the end of run " + id + " waits behind " + pendingEnds.size()
                        + " earlier ends the journal could not write yet; it is written with them at a heartbeat");
            }
            try {
                if (writer.update(write, parameters) == 0) {
                    LOG.log(System.Logger.Level.WARNING, "run " + id + " of graph '" + report.graphName()
                            + "' ended here, but another instance had taken it over; its record is the other instance's");
                }
            } catch (SQLException e) {
                // left RUNNING, the run would be taken for an orphan once this instance stops: written again later
                pendingEnds.add(write, parameters);
                throw e;
            }
        }

        private void expectOne(int rows, TaskKey<?> task) {
            if (rows != 1) {
                throw new IllegalStateException("the journal has no start of task '" + task.name() + "' in run " + id
                        + ", or the run is no longer this instance's (" + owner + ")");
            }
        }
    }

    private static String parkedBecause(RunReport report) {
        for (TaskReport task : report.tasks()) {
            if (task.outcome() == TaskOutcome.COMPENSATION_FAILED) {
                return "; parked: the compensation of task '" + task.name() + "' failed: "
                        + task.compensationFailure().map(Failures::describe).orElse("?");
            }
        }
        return "";
    }
}
