package dev.skein.durable;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.skein.graph.Graph;
import dev.skein.graph.Journal;
import dev.skein.graph.TaskKey;
import dev.skein.graph.TaskOutcome;
import java.lang.management.ManagementFactory;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Durable graphs on the service's own database: the {@link #journal()} that records their runs, and the
 * recovery of runs whose instance died. Start one per instance, give its journal to the graphs
 * ({@link Graph.Builder#journal}) and {@linkplain #register register} them, so this instance can compensate
 * their runs when another instance dies:
 * {@snippet :
 * DurableGraphs durable = DurableGraphs.builder(dataSource).takeover(Duration.ofSeconds(10)).start();
 * Graph<OrderRequest> placeOrder = Graph.builder("place order", OrderRequest.class)
 *     .journal(durable.journal())
 *     // ... tasks with compensations, as for any graph
 *     .build();
 * durable.register(placeOrder);
 * }
 *
 * <h2>Recovery</h2>
 * Each instance writes a heartbeat to {@code skein_owner} four times per takeover time. A run whose owner's
 * heartbeat is older than the takeover time (by the database's clock) is an orphan: db-scheduler, on the same
 * database, gives its recovery to exactly one instance (and to another if that one dies meanwhile), which
 * compensates it with {@link Graph#recover}: done tasks with their recorded results, tasks with no recorded
 * end by their uncertain compensation, in reverse dependency order. The run ends {@link RunStatus#COMPENSATED}
 * with the reason "owner lost", or {@link RunStatus#PARKED} if a compensation failed on every attempt.
 * An instance whose heartbeat stopped (a pause longer than the takeover time) finds its runs taken over: its
 * next task does not start, and its run fails and compensates; so compensations must be idempotent.
 *
 * <p>A run that ended (succeeded or compensated) stays in the journal for the {@linkplain Builder#retention retention},
 * 7 days by default, then is deleted; a parked run stays until a person has retried it.
 *
 * <p>The tables come with the module as a Flyway migration in {@code classpath:db/skein}; see
 * {@code docs/durability.md}.
 */
public final class DurableGraphs implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.skein.durable");
    static final String RECOVER = "skein-recover";
    static final String FIND_ORPHANS = "skein-find-orphans";
    static final String DELETE_ENDED = "skein-delete-ended-runs";
    /** The owner {@link #retry} gives a parked run: no instance has it, so the one db-scheduler picks claims the run. */
    private static final String RETRY_SUFFIX = "/retry";
    /** Rows deleted per statement by the retention, so that no delete holds many locks or a long transaction. */
    static final int DELETE_BATCH = 500;

    private final Sql sql;
    private final JournalCodec codec;
    private final String owner;
    private final Duration takeover;
    private final Duration retention;
    private final PendingEnds pendingEnds = new PendingEnds();
    private final JournalWriter writer;
    private final JdbcJournal journal;
    private final Map<String, Graph<?>> graphs = new ConcurrentHashMap<>();
    /** The runs this instance is recovering now. */
    private final Set<String> recovering = ConcurrentHashMap.newKeySet();
    private final OneTimeTask<Void> recoverTask;
    private final Scheduler scheduler;
    private final ScheduledExecutorService heartbeat;

    private DurableGraphs(Builder builder) throws SQLException {
        this.sql = new Sql(builder.dataSource);
        this.codec = builder.codec;
        this.owner = builder.instanceName + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.takeover = builder.takeover;
        this.retention = builder.retention;
        // first, so that a database without the tables fails the start before any thread is started
        sql.update("insert into skein_owner (id, heartbeat_at) values (?, current_timestamp)", owner);
        JdbcJournal.Folds folds = JdbcJournal.Folds.of(sql.databaseProduct());
        this.writer = new JournalWriter(builder.dataSource, owner);
        this.journal = new JdbcJournal(writer, sql, codec, owner, pendingEnds, folds);
        Duration beat = takeover.dividedBy(4);
        this.recoverTask = Tasks.oneTime(RECOVER)
                .onFailure(new FailureHandler.OnFailureRetryLater<>(takeover))
                .onDeadExecutionRevive()
                .execute((instance, context) -> recover(instance.getId()));
        RecurringTask<Void> findOrphans = Tasks.recurring(FIND_ORPHANS, FixedDelay.of(beat))
                .execute((instance, context) -> findOrphans());
        Duration sweep = retention.dividedBy(4).compareTo(Duration.ofHours(1)) < 0 ? retention.dividedBy(4) : Duration.ofHours(1);
        RecurringTask<Void> deleteEnded = Tasks.recurring(DELETE_ENDED, FixedDelay.of(sweep))
                .execute((instance, context) -> deleteEnded());
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "skein-durable-heartbeat");
            t.setDaemon(true);
            return t;
        });
        heartbeat.scheduleWithFixedDelay(this::beat, beat.toMillis(), beat.toMillis(), TimeUnit.MILLISECONDS);
        this.scheduler = Scheduler.create(builder.dataSource, recoverTask)
                .startTasks(findOrphans, deleteEnded)
                .tableName("skein_scheduled_tasks")
                .schedulerName(new SchedulerName.Fixed(owner))
                .pollingInterval(beat)
                .heartbeatInterval(beat)
                .missedHeartbeatsLimit(4)
                .threads(builder.threads)
                .enableImmediateExecution()
                .shutdownMaxWait(takeover)
                .build();
        scheduler.start();
    }

    /** {@return a builder for durable graphs on {@code dataSource}, which must hold the tables of {@code db/skein}} */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** {@return the journal to give durable graphs} */
    public Journal journal() {
        return journal;
    }

    /** {@return this instance's id in the journal: its name and a suffix new at each start} */
    public String owner() {
        return owner;
    }

    /**
     * Lets this instance recover the runs of {@code graph} whose owner died. Every instance that runs a
     * durable graph should register it; a run is recovered only by an instance that knows its graph (the
     * others leave it to them, retrying after the takeover time). {@return this}
     * @throws IllegalArgumentException if another graph of the same name is registered
     */
    public DurableGraphs register(Graph<?> graph) {
        Objects.requireNonNull(graph, "graph");
        Graph<?> earlier = graphs.putIfAbsent(graph.name(), graph);
        if (earlier != null && earlier != graph) {
            throw new IllegalArgumentException("a graph named '" + graph.name() + "' is registered already: durable "
                    + "graphs are recovered by name, so each needs a name of its own");
        }
        return this;
    }

    /** {@return the runs with {@code status}, the oldest first, at most {@code limit}} */
    public List<DurableRun> runs(RunStatus status, int limit) throws SQLException {
        Objects.requireNonNull(status, "status");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        List<String> ids = sql.query("select id from skein_run where status = ? order by started_at, id fetch first "
                + limit + " rows only", rs -> rs.getString(1), status.name());
        return ids.stream().map(this::runOrNull).filter(Objects::nonNull).toList();
    }

    /** {@return the run with {@code id}, if the journal has it} */
    public Optional<DurableRun> run(String id) throws SQLException {
        Objects.requireNonNull(id, "id");
        List<DurableRun> runs = sql.query("select id, graph, graph_version, owner, status, outcome, reason, started_at, "
                + "ended_at from skein_run where id = ?", rs -> new DurableRun(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getString(4), RunStatus.valueOf(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                Optional.ofNullable(rs.getString(7)), rs.getTimestamp(8).toInstant(),
                Optional.ofNullable(rs.getTimestamp(9)).map(Timestamp::toInstant), List.of()), id);
        if (runs.isEmpty()) {
            return Optional.empty();
        }
        List<DurableRun.Task> tasks = sql.query("select task, outcome, failure, compensation, compensation_failure "
                + "from skein_task where run_id = ? order by started_at, task", rs -> new DurableRun.Task(rs.getString(1),
                rs.getString(2), Optional.ofNullable(rs.getString(3)), Optional.ofNullable(rs.getString(4)),
                Optional.ofNullable(rs.getString(5))), id);
        DurableRun r = runs.getFirst();
        return Optional.of(new DurableRun(r.id(), r.graph(), r.graphVersion(), r.owner(), r.status(), r.outcome(),
                r.reason(), r.startedAt(), r.endedAt(), tasks));
    }

    private DurableRun runOrNull(String id) {
        try {
            return run(id).orElse(null);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read run " + id + ": " + e.getMessage(), e);
        }
    }

    /**
     * Compensates a {@link RunStatus#PARKED} run again, once its cause is fixed: the compensations that failed
     * run again (those that succeeded do not), on whichever instance db-scheduler gives it to.
     * {@return whether the run was parked (and is now being compensated)}
     */
    public boolean retry(String runId) throws SQLException {
        Objects.requireNonNull(runId, "runId");
        // an owner with no heartbeat: the instance db-scheduler gives the recovery to claims it
        if (sql.update("update skein_run set status = 'RECOVERING', owner = ? where id = ? and status = 'PARKED'",
                owner + RETRY_SUFFIX, runId) != 1) {
            return false;
        }
        scheduler.scheduleIfNotExists(recoverTask.instance(runId), Instant.now());
        return true;
    }

    /** {@return how many ends of runs or compensations wait to be written again} For tests. */
    int pendingEnds() {
        return pendingEnds.size();
    }

    /** Stops the heartbeat and the recoveries; runs in flight here are recovered by others once the takeover time has passed. */
    @Override
    public void close() {
        heartbeat.shutdownNow();
        scheduler.stop();
        writer.close();
        pendingEnds.flush(sql);
    }

    private void beat() {
        try {
            pendingEnds.flush(sql);
            if (sql.update("update skein_owner set heartbeat_at = current_timestamp where id = ?", owner) != 1) {
                sql.update("insert into skein_owner (id, heartbeat_at) values (?, current_timestamp)", owner);
            }
        } catch (Throwable t) {
            LOG.log(System.Logger.Level.WARNING, "the heartbeat of " + owner + " could not be written; past the takeover "
                    + "time (" + takeover + ") other instances take over its runs: " + Failures.describe(t));
        }
    }

    /** Hands each orphan (a run whose owner's heartbeat is older than the takeover time) to db-scheduler. */
    private void findOrphans() {
        try {
            Timestamp stale = Timestamp.from(sql.now().toInstant().minus(takeover));
            List<String> orphans = sql.query("select r.id from skein_run r left join skein_owner o on o.id = r.owner "
                    + "where r.status in ('RUNNING', 'RECOVERING') and (o.heartbeat_at is null or o.heartbeat_at < ?)",
                    rs -> rs.getString(1), stale);
            for (String id : orphans) {
                scheduler.scheduleIfNotExists(recoverTask.instance(id), Instant.now());
            }
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "could not look for runs whose owner died: " + Failures.describe(e));
        }
    }

    /**
     * Deletes the runs that ended ({@code SUCCEEDED} or {@code COMPENSATED}) longer ago than the retention, with their
     * tasks, and the instances whose heartbeat stopped as long ago and that own no run; a parked run stays until a
     * person has retried it. Runs on one instance at a time (db-scheduler's recurring task).
     */
    void deleteEnded() {
        try {
            Timestamp before = Timestamp.from(sql.now().toInstant().minus(retention));
            int deleted;
            do { // skein_task rows go with their run (on delete cascade)
                deleted = sql.update("delete from skein_run where id in (select id from skein_run where status in "
                        + "('SUCCEEDED', 'COMPENSATED') and ended_at < ? fetch first " + DELETE_BATCH + " rows only)", before);
            } while (deleted == DELETE_BATCH);
            sql.update("delete from skein_owner where heartbeat_at < ? and not exists "
                    + "(select 1 from skein_run r where r.owner = skein_owner.id)", before);
        } catch (SQLException e) {
            LOG.log(System.Logger.Level.WARNING, "could not delete the runs that ended more than " + retention + " ago: "
                    + Failures.describe(e));
        }
    }

    /** The recovery of one run, on the instance db-scheduler picked. */
    private void recover(String runId) {
        try {
            recoverOrPark(runId);
        } catch (SQLException e) { // db-scheduler retries after the takeover time
            throw new IllegalStateException("could not recover run " + runId + ": " + Failures.describe(e), e);
        }
    }

    /**
     * Recovers run {@code runId} if it is still an orphan: claims it (status RECOVERING, owner this instance),
     * unless its owner (the instance that started it, or another one recovering it) is alive, so that two
     * instances never compensate a run at once (db-scheduler gives a recovery to another instance when it
     * misses the heartbeats of the first, which may only be slow).
     */
    void recoverOrPark(String runId) throws SQLException {
        if (!recovering.add(runId)) {
            return; // recovered here already (db-scheduler revived an execution it thought dead)
        }
        try {
            claimAndRecover(runId);
        } finally {
            recovering.remove(runId);
        }
    }

    private void claimAndRecover(String runId) throws SQLException {
        record Stored(String graph, String version, String input, String outcome, String reason) {
        }
        List<Stored> found = sql.query("select graph, graph_version, input, outcome, reason from skein_run where id = ? "
                + "and status in ('RUNNING', 'RECOVERING')", rs -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getString(5)), runId);
        if (found.isEmpty()) {
            return; // ended meanwhile, or parked
        }
        Stored stored = found.getFirst();
        Graph<?> graph = graphs.get(stored.graph());
        if (graph == null) {
            throw new IllegalStateException("instance " + owner + " does not know graph '" + stored.graph() + "' of run "
                    + runId + ": register it with DurableGraphs.register, or leave the run to an instance that does");
        }
        String version = JdbcJournal.version(graph);
        if (!version.equals(stored.version())) { // a rolling deploy: an instance of the run's version may still be up
            String waiting = "waiting for an instance with version " + stored.version() + " of graph '" + stored.graph()
                    + "' (instance " + owner + " has " + version + ": its tasks or their types changed)";
            sql.update("update skein_run set reason = ? where id = ?", Failures.cut(waiting), runId);
            throw new IllegalStateException("run " + runId + " is " + waiting + "; if none is left, compensate it by hand");
        }
        Timestamp stale = Timestamp.from(sql.now().toInstant().minus(takeover));
        if (sql.update("update skein_run set status = 'RECOVERING', owner = ? where id = ? and status in ('RUNNING', 'RECOVERING') "
                + "and (owner = ? or not exists (select 1 from skein_owner o where o.id = skein_run.owner and o.heartbeat_at >= ?))",
                owner, runId, owner, stale) != 1) {
            return; // ended meanwhile, or parked, or its owner is alive: if that one dies, its heartbeat goes stale and the run is an orphan again
        }
        Journal.RecordedRun<?> recorded;
        try {
            recorded = recorded(graph, runId, stored.input());
        } catch (Exception e) {
            park(runId, "the journal's record of the run could not be read: " + Failures.describe(e));
            return;
        }
        if (everyTaskSucceeded(graph, recorded)) { // its owner died after the last task, before recording the end
            sql.update("update skein_run set status = 'SUCCEEDED', outcome = 'SUCCEEDED', reason = ?, ended_at = current_timestamp "
                    + "where id = ? and status = 'RECOVERING' and owner = ?", "every task succeeded; the owner stopped before it "
                    + "recorded the run's end", runId, owner);
            return;
        }
        // a parked run a person retried: it has an outcome already (a run that has not ended has none), which is kept,
        // and the reason it had (also on a second attempt, once the first claimed the run and the owner no longer says so)
        JdbcJournal.Retried retried = stored.outcome() != null ? new JdbcJournal.Retried(stored.outcome(), stored.reason()) : null;
        try {
            recover(graph, recorded, runId, retried);
        } catch (IllegalArgumentException e) {
            park(runId, Failures.describe(e));
        }
    }

    /** Whether the record has every task of the graph, each succeeded or skipped by its condition. */
    private static boolean everyTaskSucceeded(Graph<?> graph, Journal.RecordedRun<?> recorded) {
        for (TaskKey<?> task : graph.tasks()) {
            Journal.RecordedTask t = recorded.tasks().get(task.name());
            if (t == null || (t.outcome() != TaskOutcome.SUCCEEDED && t.outcome() != TaskOutcome.SKIPPED)) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private <I> void recover(Graph<I> graph, Journal.RecordedRun<?> recorded, String runId, JdbcJournal.Retried retried) {
        graph.recover((Journal.RecordedRun<I>) recorded, journal.recovering(runId, retried));
    }

    private <I> Journal.RecordedRun<I> recorded(Graph<I> graph, String runId, String input) throws Exception {
        Map<String, Class<?>> types = new HashMap<>();
        for (TaskKey<?> key : graph.tasks()) {
            types.put(key.name(), key.type());
        }
        record Row(String task, String outcome, String result, String failure, String compensation) {
        }
        List<Row> rows = sql.query("select task, outcome, result, failure, compensation from skein_task where run_id = ?",
                rs -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)), runId);
        Map<String, Journal.RecordedTask> tasks = new HashMap<>();
        for (Row row : rows) {
            Journal.RecordedTask task;
            boolean succeeded = row.outcome().equals(TaskOutcome.SUCCEEDED.name());
            Class<?> type = types.get(row.task());
            boolean compensated = TaskOutcome.COMPENSATED.name().equals(row.compensation());
            // a compensated task is not undone again, but its result goes to its dependents' uncertain compensations
            Object result = null;
            if (succeeded && row.result() != null && type != null) {
                try {
                    result = codec.read(row.result(), type);
                } catch (Exception e) {
                    if (!compensated) {
                        throw e;
                    }
                    // undone already: only its dependents' uncertain compensations would take it; they get null rather
                    // than the whole run parked for a result it no longer needs
                }
            }
            if (compensated) {
                task = new Journal.RecordedTask(TaskOutcome.COMPENSATED, result, null);
            } else if (row.outcome().equals("STARTED")) {
                task = new Journal.RecordedTask(TaskOutcome.CANCELLED, null, null);
            } else if (succeeded) {
                task = new Journal.RecordedTask(TaskOutcome.SUCCEEDED, result, null);
            } else {
                task = new Journal.RecordedTask(TaskOutcome.valueOf(row.outcome()), null, row.failure());
            }
            tasks.put(row.task(), task);
        }
        I value = input == null ? null : codec.read(input, graph.inputType());
        return new Journal.RecordedRun<>(value, tasks);
    }

    private void park(String runId, String reason) throws SQLException {
        LOG.log(System.Logger.Level.WARNING, "run " + runId + " is parked: " + reason);
        sql.update("update skein_run set status = 'PARKED', outcome = 'OWNER_LOST', reason = ?, ended_at = current_timestamp "
                + "where id = ? and status = 'RECOVERING' and owner = ?", Failures.cut("owner lost; parked: " + reason), runId, owner);
    }

    /** Configures {@link DurableGraphs}. */
    public static final class Builder {

        private final DataSource dataSource;
        private String instanceName = defaultName();
        private Duration takeover = Duration.ofSeconds(10);
        private JournalCodec codec = JournalCodec.jackson();
        private int threads = 4;
        private Duration retention = Duration.ofDays(7);

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        private static String defaultName() {
            try {
                return ManagementFactory.getRuntimeMXBean().getName(); // pid@host
            } catch (Throwable t) {
                return "instance";
            }
        }

        /** Names this instance in the journal (default pid@host); a suffix new at each start keeps restarts apart. {@return this} */
        public Builder instanceName(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank() || name.length() > 180) {
                throw new IllegalArgumentException("instance name must be 1 to 180 characters, was '" + name + "'");
            }
            this.instanceName = name;
            return this;
        }

        /**
         * Sets how long an instance's heartbeat may be missing before others take over its runs (default 10 s,
         * at least 1 s). Shorter recovers sooner; too short takes over runs of an instance that merely paused.
         * {@return this}
         */
        public Builder takeover(Duration takeover) {
            Objects.requireNonNull(takeover, "takeover");
            if (takeover.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("takeover must be at least 1 s (the heartbeat is a quarter of it), was " + takeover);
            }
            this.takeover = takeover;
            return this;
        }

        /** Sets how inputs and results are written (default {@link JournalCodec#jackson()}). {@return this} */
        public Builder codec(JournalCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * Sets how long the journal keeps a run after it ended, {@code SUCCEEDED} or {@code COMPENSATED} (default 7
         * days, from 1 s to 3,650 days); then it is deleted with its tasks. A parked run is kept until a person has
         * retried it. {@return this}
         */
        public Builder retention(Duration retention) {
            Objects.requireNonNull(retention, "retention");
            if (retention.compareTo(Duration.ofSeconds(1)) < 0 || retention.compareTo(Duration.ofDays(3650)) > 0) {
                throw new IllegalArgumentException("retention must be from 1 s to 3650 days, was " + retention);
            }
            this.retention = retention;
            return this;
        }

        /** Sets how many runs this instance recovers at once (default 4). {@return this} */
        public Builder recoveryThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("recovery threads must be at least 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /**
         * Registers this instance, starts its heartbeat and the recovery of orphans. {@return the durable graphs}
         * @throws SQLException if the database cannot be reached, or lacks the tables of {@code db/skein}
         */
        public DurableGraphs start() throws SQLException {
            return new DurableGraphs(this);
        }
    }
}
