package dev.skein.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.graph.Graph;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskKey;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The journal's statements on PostgreSQL: what they cost, counted where it is paid, and the statement that writes
 * a run's success with its last task's, raced by another instance taking the run over.
 */
@Tag("postgres")
class JournalOnPostgresTest {

    private static final Pattern JOURNAL_WRITE = Pattern.compile("(insert into|update) skein_(run|task)");
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeUpdate", "executeLargeUpdate", "executeBatch",
            "executeLargeBatch", "executeQuery");

    private final AtomicInteger roundTrips = new AtomicInteger();

    /**
     * The round trips to the database of the statements that write {@code skein_run} and {@code skein_task} (each
     * execution, and each commit of a transaction that wrote them). The target: at most two per task, the run's own
     * records included.
     */
    @Test
    void aFourTaskSagaAloneCostsEightRoundTrips() throws Exception {
        DataSource effects = Postgres.freshSchema("durable_round_trips");
        Saga.createTables(effects);
        try (DurableGraphs durable = DurableGraphs.builder(counting(effects)).instanceName("a")
                .takeover(Duration.ofSeconds(10)).start()) {
            Graph<Saga.Order> saga = Saga.graph(durable.journal(), effects, Saga.Points.NONE);
            durable.register(saga);
            saga.run(new Saga.Order("warm-up"));
            for (int i = 0; i < 5; i++) {
                roundTrips.set(0);
                assertThat(saga.runForReport(new Saga.Order("o-" + i)).succeeded()).isTrue();
                assertThat(roundTrips).as("round trips of saga %d", i).hasValue(8);
            }
        }
        assertThat(Rows.of(effects, "select status, outcome, count(*) from skein_run group by status, outcome"))
                .containsExactly(List.of("SUCCEEDED", "SUCCEEDED", "6"));
        assertThat(Rows.of(effects, "select outcome, count(*) from skein_task group by outcome"))
                .containsExactly(List.of("SUCCEEDED", "24"));
        assertThat(Rows.of(effects, "select count(*) from skein_run r join skein_task t on t.run_id = r.id "
                + "where t.task = 'capture' and t.ended_at = r.ended_at")).as("each run ended with its last task")
                .containsExactly(List.of("6"));
    }

    /**
     * Another instance takes the run over (its claim holds the run's row, not yet committed) just as the last task's
     * success is written: the statement began while the run was still this instance's, and waits for the row. Once the
     * claim commits, the statement must leave the run and its task to the other instance (the task's success then
     * counts as unrecorded here), neither marking the run succeeded under the other instance's name while that one
     * compensates it, nor the task succeeded while this instance compensates it.
     */
    @Test
    void theLastTasksSuccessDoesNotEndARunAnotherInstanceClaimedMeanwhile() throws Exception {
        DataSource dataSource = Postgres.freshSchema("durable_fold_race");
        TaskKey<String> only = TaskKey.of("only", String.class);
        CountDownLatch inTask = new CountDownLatch(1);
        CountDownLatch claimBegun = new CountDownLatch(1);
        try (DurableGraphs durable = DurableGraphs.builder(dataSource).instanceName("a").takeover(Duration.ofSeconds(30)).start();
                Connection other = dataSource.getConnection()) {
            Graph<String> graph = Graph.builder("one task", String.class).journal(durable.journal())
                    .task(only, in -> {
                        inTask.countDown();
                        assertThat(claimBegun.await(10, TimeUnit.SECONDS)).isTrue();
                        return "done";
                    }, t -> t.withCompensation(result -> { }).withUncertainCompensation((in, why) -> { }))
                    .build();
            AtomicReference<RunReport> report = new AtomicReference<>();
            Thread run = Thread.ofVirtual().start(() -> {
                try {
                    report.set(graph.runForReport("x"));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(inTask.await(10, TimeUnit.SECONDS)).isTrue();

            String id = Rows.of(dataSource, "select id from skein_run").getFirst().getFirst();
            other.setAutoCommit(false);
            try (PreparedStatement claim = other.prepareStatement(
                    "update skein_run set status = 'RECOVERING', owner = 'b/other' where id = ?")) {
                claim.setString(1, id);
                assertThat(claim.executeUpdate()).isEqualTo(1);
            }
            claimBegun.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> !Rows.of(dataSource, "select pid from pg_stat_activity "
                    + "where wait_event_type = 'Lock' and query like 'with succeeded as%'").isEmpty());
            other.commit();

            assertThat(run.join(Duration.ofSeconds(10))).isTrue();
            assertThat(report.get().succeeded()).as("the task's success counts as unrecorded").isFalse();
            assertThat(Rows.of(dataSource, "select status, owner from skein_run"))
                    .containsExactly(List.of("RECOVERING", "b/other"));
            assertThat(Rows.of(dataSource, "select outcome from skein_task"))
                    .as("the task as the other instance found it, which it compensates as uncertain")
                    .containsExactly(List.of("STARTED"));
        }
    }

    /** {@code target}, counting the round trips of the journal's writes. */
    private DataSource counting(DataSource target) {
        return proxy(DataSource.class, target, (method, args, result) -> method.getName().equals("getConnection")
                ? countingConnection((Connection) result) : result);
    }

    private Connection countingConnection(Connection connection) {
        AtomicInteger uncommitted = new AtomicInteger(); // journal writes in the connection's open transaction
        return proxy(Connection.class, connection, (method, args, result) -> {
            if (method.getName().equals("commit") && uncommitted.getAndSet(0) > 0) {
                roundTrips.incrementAndGet();
            }
            if (method.getName().equals("prepareStatement") && result instanceof PreparedStatement statement) {
                String sql = (String) args[0];
                return proxy(PreparedStatement.class, statement, (m, a, r) -> {
                    if (EXECUTIONS.contains(m.getName()) && JOURNAL_WRITE.matcher(sql).find()) {
                        roundTrips.incrementAndGet();
                        if (!connection.getAutoCommit()) {
                            uncommitted.incrementAndGet();
                        }
                    }
                    return r;
                });
            }
            return result;
        });
    }

    @FunctionalInterface
    private interface After {
        Object apply(Method method, Object[] args, Object result) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T target, After after) {
        return type.cast(Proxy.newProxyInstance(JournalOnPostgresTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return after.apply(method, args, result);
                }));
    }
}
