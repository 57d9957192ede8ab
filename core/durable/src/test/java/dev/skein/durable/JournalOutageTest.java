package dev.skein.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.diagnostics.Diagnostics;
import dev.skein.graph.Graph;
import dev.skein.graph.GraphListener;
import dev.skein.graph.RunOutcome;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The journal's database goes away mid-run (its connections cut, new ones refused, by a TCP proxy: not a
 * mock). The run fails before the next task's effect, naming the journal; once the database is back, the
 * journal holds nothing that makes a recovery undo a task that never started.
 */
@Tag("postgres")
class JournalOutageTest {

    private static final String SCHEMA = "durable_outage";

    /** The tasks' and compensations' own database, which stays. */
    private DataSource effects;

    @BeforeEach
    void freshSchema() throws SQLException {
        effects = Postgres.freshSchema(SCHEMA);
        Saga.createTables(effects);
    }

    @Test
    void theDatabaseGoesAwayWhileATaskRuns() throws Exception {
        String order = UUID.randomUUID().toString();
        CountDownLatch inReserve = new CountDownLatch(1);
        CountDownLatch databaseGone = new CountDownLatch(1);
        Set<String> entered = ConcurrentHashMap.newKeySet();
        Saga.Points points = (o, point, task) -> {
            if (point == Saga.Point.BEFORE) {
                entered.add(task);
            }
            if (point == Saga.Point.AFTER && task.equals(Saga.RESERVE.name())) {
                inReserve.countDown();
                waitFor(databaseGone);
            }
        };
        try (TcpProxy proxy = new TcpProxy(Postgres.PORT)) {
            RunReport report;
            String run;
            try (DurableGraphs owner = DurableGraphs.builder(Postgres.dataSource(proxy.port(), SCHEMA)).instanceName("owner")
                    .takeover(Duration.ofSeconds(10)).start()) {
                Graph<Saga.Order> saga = Saga.graph(owner.journal(), effects, points);
                owner.register(saga);
                AtomicReference<RunReport> ended = new AtomicReference<>();
                Thread running = Thread.ofVirtual().start(() -> {
                    try {
                        ended.set(saga.runForReport(new Saga.Order(order)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                assertThat(inReserve.await(20, TimeUnit.SECONDS)).isTrue();
                run = runOf(order);
                proxy.close(); // while reserve runs, its effect done
                databaseGone.countDown();
                assertThat(running.join(Duration.ofSeconds(30))).isTrue();
                report = ended.get();

                assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
                assertThat(report.failure()).get().asString().contains("journal").contains("reserve");
                assertThat(entered).as("task functions entered").containsExactly(Saga.RESERVE.name());
                assertThat(report.task(Saga.AUTHORISE).outcome()).isEqualTo(TaskOutcome.SKIPPED);
                assertThat(effects("kind = 'do'")).as("effects").containsExactly("reserve do");
                assertThat(effects("kind <> 'do'")).as("compensations: reserve's effect is uncertain, its result unrecorded")
                        .containsExactly("reserve uncertain");
                assertThat(rows("select task || ' ' || outcome from skein_task where run_id = ?", run))
                        .as("the journal, the database away").containsExactly("reserve STARTED");

                proxy.open(); // the heartbeat writes the run's end it could not record
                await().atMost(Duration.ofSeconds(20)).until(() -> status(run).startsWith("COMPENSATED "));
                assertThat(status(run)).contains("journal");
            }
            assertRecoveryLeavesItAlone(run);
            assertThat(effects("kind <> 'do'")).as("compensations").containsExactly("reserve uncertain");
        }
    }

    @Test
    void theDatabaseGoesAwayBetweenTasksAndTheOwnerStopsBeforeItIsBack() throws Exception {
        String order = UUID.randomUUID().toString();
        Set<String> entered = ConcurrentHashMap.newKeySet();
        Saga.Points points = (o, point, task) -> {
            if (point == Saga.Point.BEFORE) {
                entered.add(task);
            }
        };
        try (TcpProxy proxy = new TcpProxy(Postgres.PORT)) {
            AtomicBoolean armed = new AtomicBoolean(true);
            AtomicReference<Exception> closing = new AtomicReference<>();
            // reserve's success recorded, the database goes before authorise and ship-label start
            Diagnostics.Registration listening = Graph.addListener(new GraphListener() {
                @Override
                public void onTaskEnded(TaskEnded event) {
                    if (event.graph().equals(Saga.NAME) && event.task().equals(Saga.RESERVE.name())
                            && event.outcome() == TaskOutcome.SUCCEEDED && armed.getAndSet(false)) {
                        try {
                            proxy.close();
                        } catch (Exception e) {
                            closing.set(e);
                        }
                    }
                }
            });
            RunReport report;
            try (listening; DurableGraphs owner = DurableGraphs.builder(Postgres.dataSource(proxy.port(), SCHEMA))
                    .instanceName("owner").takeover(Duration.ofSeconds(1)).start()) {
                Graph<Saga.Order> saga = Saga.graph(owner.journal(), effects, points);
                owner.register(saga);
                report = saga.runForReport(new Saga.Order(order));
            } // the owner stops with the database away: the end of its run is not recorded
            assertThat(closing.get()).isNull();
            assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(report.failure()).get().asString().contains("journal could not record the start of task");
            assertThat(entered).as("task functions entered").containsExactly(Saga.RESERVE.name());
            assertThat(effects("true")).as("effects and compensations").containsExactly("reserve do", "reserve undo");

            proxy.open();
            String run = runOf(order);
            assertThat(rows("select task || ' ' || outcome || ' ' || coalesce(compensation, '-') from skein_task where run_id = ?", run))
                    .as("the journal: the compensation's end was not recorded either").containsExactly("reserve SUCCEEDED -");
            assertThat(status(run)).as("its end unrecorded, the run looks alive").startsWith("RUNNING");

            try (DurableGraphs other = recovering()) {
                await().atMost(Duration.ofSeconds(20)).until(() -> status(run).startsWith("COMPENSATED "));
            }
            assertThat(status(run)).contains("owner lost");
            assertThat(rows("select task || ' ' || kind from undone where order_id = ? order by task", order))
                    .as("undone: only the task that ran").containsExactly("reserve undo");
            assertThat(effects("task <> 'reserve'")).as("effects of tasks that never started").isEmpty();
            assertThat(effects("kind <> 'do'")).as("compensation invocations: again by the recovery (idempotent)")
                    .containsExactly("reserve undo", "reserve undo");
        }
    }

    /** A recovering instance, started once the owner stopped, finds nothing to do (for longer than its takeover time). */
    private void assertRecoveryLeavesItAlone(String run) throws Exception {
        String before = status(run);
        List<String> undone = effects("kind <> 'do'");
        try (DurableGraphs other = recovering()) {
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> status(run).equals(before) && effects("kind <> 'do'").equals(undone));
        }
    }

    private DurableGraphs recovering() throws SQLException {
        DurableGraphs other = DurableGraphs.builder(effects).instanceName("other").takeover(Duration.ofSeconds(1)).start();
        other.register(Saga.graph(other.journal(), effects, Saga.Points.NONE));
        return other;
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String runOf(String order) throws SQLException {
        List<String> runs = rows("select id from skein_run where input::jsonb ->> 'id' = ?", order);
        assertThat(runs).hasSize(1);
        return runs.getFirst();
    }

    private String status(String run) throws SQLException {
        return rows("select status || ' ' || coalesce(reason, '') from skein_run where id = ?", run).getFirst();
    }

    private List<String> effects(String where) throws SQLException {
        return rows("select task || ' ' || kind from effect where " + where + " order by seq");
    }

    private List<String> rows(String sql, Object... parameters) throws SQLException {
        try (Connection c = effects.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        }
    }
}
