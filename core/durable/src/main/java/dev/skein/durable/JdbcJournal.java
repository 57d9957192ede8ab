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

/**
 * The journal in the tables {@code skein_run} and {@code skein_task}: one statement per record, so a task
 * costs two round trips (its start and its end), fewer when records come together ({@link JournalWriter}).
 */
final class JdbcJournal implements Journal {

    private static final System.Logger LOG = System.getLogger("dev.skein.durable");

    private final JournalWriter writer;
    private final JournalCodec codec;
    private final String owner;
    private final PendingEnds pendingEnds;
    private final Sql sql;

    JdbcJournal(JournalWriter writer, Sql sql, JournalCodec codec, String owner, PendingEnds pendingEnds) {
        this.writer = writer;
        this.sql = sql;
        this.codec = codec;
        this.owner = owner;
        this.pendingEnds = pendingEnds;
    }

    @Override
    public Entry runStarting(Graph<?> graph, Object input) throws Exception {
        String id = UUID.randomUUID().toString();
        writer.update("insert into skein_run (id, graph, graph_version, input, owner, status, started_at) "
                + "values (?, ?, ?, ?, ?, 'RUNNING', current_timestamp)",
                id, graph.name(), version(graph), input == null ? null : codec.write(input), owner);
        return new RunEntry(id, true, null);
    }

    /**
     * The entry of a run another instance started, which this one compensates; {@code retried}: the run was parked,
     * and a person retried it (its outcome and reason then, kept in the new reason), else null.
     */
    Entry recovering(String runId, Retried retried) {
        return new RunEntry(runId, false, retried);
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

        RunEntry(String id, boolean owned, Retried retried) {
            this.id = id;
            this.owned = owned;
            this.retried = retried;
        }

        @Override
        public void taskStarting(TaskKey<?> task) throws Exception {
            int rows = writer.update("insert into skein_task (run_id, task, outcome, started_at) "
                    + "select id, ?, 'STARTED', current_timestamp from skein_run where id = ? and status = 'RUNNING' and owner = ?",
                    task.name(), id, owner);
            if (rows != 1) {
                throw new IllegalStateException("run " + id + " is no longer this instance's (" + owner + "): another "
                        + "instance took it over, its heartbeat having stopped for longer than the takeover time");
            }
        }

        @Override
        public void taskSucceeded(TaskKey<?> task, Object result) throws Exception {
            String text = result == null ? null : codec.write(result);
            if (writer.update("update skein_task set outcome = 'SUCCEEDED', result = ?, ended_at = current_timestamp "
                    + "where run_id = ? and task = ? and exists (select 1 from skein_run where id = ? and status = 'RUNNING' "
                    + "and owner = ?)", text, id, task.name(), id, owner) != 1) {
                throw new IllegalStateException("run " + id + " is no longer this instance's (" + owner + "): another "
                        + "instance took it over while task '" + task.name() + "' ran, its heartbeat having stopped "
                        + "for longer than the takeover time");
            }
        }

        @Override
        public void taskEnded(TaskKey<?> task, TaskOutcome outcome, Throwable failure) throws Exception {
            expectOne(writer.update("update skein_task set outcome = ?, failure = ?, ended_at = current_timestamp "
                    + "where run_id = ? and task = ?", outcome.name(), Failures.describe(failure), id, task.name()), task);
        }

        @Override
        public void compensationEnded(TaskKey<?> task, TaskOutcome outcome, Throwable failure) throws Exception {
            // only while the run is still this instance's: a late write must not overwrite the record of an instance
            // that took the run over meanwhile (and compensated it again)
            String write = "update skein_task set compensation = ?, compensation_failure = ?, compensated_at = current_timestamp "
                    + "where run_id = ? and task = ? and exists (select 1 from skein_run where id = ? and status = ? and owner = ?)";
            Object[] parameters = {outcome.name(), Failures.describe(failure), id, task.name(), id, ownStatus(), owner};
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

        /** {@return the status of the run while this entry writes it} */
        private String ownStatus() {
            return owned ? RunStatus.RUNNING.name() : RunStatus.RECOVERING.name();
        }

        @Override
        public void runEnded(RunReport report) throws Exception {
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
                    + "where id = ? and status = ? and owner = ?";
            Object[] parameters = {status.name(), outcome, Failures.cut(reason), id, ownStatus(), owner};
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
                throw new IllegalStateException("the journal has no start of task '" + task.name() + "' in run " + id);
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
