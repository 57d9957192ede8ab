package dev.skein.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skein.DeadlineExceededException;
import dev.skein.GraphFailedException;
import dev.skein.OwnerLostException;
import dev.skein.graph.Graph;
import dev.skein.graph.RunOutcome;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskKey;
import dev.skein.scope.Scope;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The journal and the recovery on an embedded H2 (PostgreSQL mode): the schema, records and takeover a developer sees. */
class DurableGraphsOnH2Test {

    record Order(String id, int quantity) {
    }

    record Reservation(String order, int quantity) {
    }

    record Payment(String order, long cents) {
    }

    static final TaskKey<Reservation> RESERVE = TaskKey.of("reserve stock", Reservation.class);
    static final TaskKey<Payment> AUTHORISE = TaskKey.of("authorise payment", Payment.class);
    static final TaskKey<String> CONFIRM = TaskKey.of("confirm order", String.class);

    private DataSource dataSource;
    private final List<DurableGraphs> instances = new ArrayList<>();
    /** What the compensations were given, in the order they ran. */
    private final List<String> undone = new CopyOnWriteArrayList<>();

    private static final Pattern JOURNAL_WRITE = Pattern.compile("(insert into|update|merge into) skein_(run|task)");
    /**
     * The journal's writes (the statements that change skein_run and skein_task), in order: per statement, what it
     * changes ("insert into skein_run + insert into skein_task" for one that inserts into both).
     */
    private final List<String> journalWrites = new CopyOnWriteArrayList<>();

    @BeforeEach
    void database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:durable-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE");
        Flyway.configure().dataSource(h2).locations("classpath:db/skein").table("skein_schema_history").load().migrate();
        dataSource = recordingWrites(h2);
    }

    /** {@code target}, noting each statement that writes to the journal's tables. */
    private DataSource recordingWrites(DataSource target) {
        return eachConnection(target, (connection, method, args) -> {
            if (method.getName().equals("prepareStatement")) {
                Matcher write = JOURNAL_WRITE.matcher((String) args[0]);
                List<String> writes = new ArrayList<>();
                while (write.find()) {
                    writes.add(write.group().replace("merge into", "update")); // a merge that updates only
                }
                if (!writes.isEmpty()) {
                    journalWrites.add(String.join(" + ", writes.stream().sorted().toList()));
                }
            }
            return invoke(method, connection, args);
        });
    }

    /**
     * The test's data source, losing the answer to the first statement that contains {@code sql} after it committed
     * (auto-committed): its caller gets an {@code SQLException}, as when the connection drops at that moment.
     */
    private DataSource losingTheAnswerTo(String sql) {
        AtomicBoolean lost = new AtomicBoolean();
        return eachConnection(dataSource, (connection, method, args) -> {
            Object made = invoke(method, connection, args);
            if (!method.getName().equals("prepareStatement") || !((String) args[0]).contains(sql)) {
                return made;
            }
            PreparedStatement statement = (PreparedStatement) made;
            return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                    (proxy, m, a) -> {
                        Object done = invoke(m, statement, a);
                        if (m.getName().equals("executeUpdate") && connection.getAutoCommit() && lost.compareAndSet(false, true)) {
                            throw new SQLException("connection reset (the test lost the answer)");
                        }
                        return done;
                    });
        });
    }

    /** What a proxy of a connection does with a call to it. */
    @FunctionalInterface
    private interface ConnectionCall {
        Object handle(Connection connection, Method method, Object[] args) throws Throwable;
    }

    /** {@code target}, each call to a connection it gives handled by {@code call}. */
    private DataSource eachConnection(DataSource target, ConnectionCall call) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(method, target, args);
                    if (!method.getName().equals("getConnection")) {
                        return result;
                    }
                    Connection connection = (Connection) result;
                    return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                            (p, m, a) -> call.handle(connection, m, a));
                });
    }

    /** The test's data source, refusing new connections while {@code down} is set. */
    private DataSource cutWhen(AtomicBoolean down) {
        DataSource reachable = dataSource;
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (down.get() && method.getName().equals("getConnection")) {
                        throw new SQLException("connection refused (the test cut the database)");
                    }
                    return invoke(method, reachable, args);
                });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Where a dead owner's task hangs; released after each test. */
    private final CountDownLatch stuck = new CountDownLatch(1);

    @AfterEach
    void stop() {
        instances.forEach(DurableGraphs::close);
        stuck.countDown();
    }

    private DurableGraphs start(String name) throws Exception {
        DurableGraphs durable = DurableGraphs.builder(dataSource).instanceName(name).takeover(Duration.ofSeconds(1)).start();
        instances.add(durable);
        return durable;
    }

    /** reserve stock → authorise payment → confirm, each undone by order id. */
    private Graph<Order> saga(DurableGraphs durable, TaskFunctionOf<String> confirm) {
        Graph<Order> graph = Graph.builder("place order", Order.class)
                .journal(durable.journal())
                .task(RESERVE, in -> new Reservation(in.input().id(), in.input().quantity()),
                        t -> t.withCompensation(r -> undone.add("release " + r)))
                .task(AUTHORISE, List.of(RESERVE), in -> new Payment(in.input().id(), 100L * in.get(RESERVE).quantity()),
                        t -> t.withCompensation(p -> undone.add("void " + p))
                                .withUncertainCompensation((in, why) -> undone.add("void by order " + in.input().id())))
                .task(CONFIRM, List.of(AUTHORISE), in -> confirm.apply(in.input()),
                        t -> t.withCompensation(c -> undone.add("unconfirm " + c))
                                .withUncertainCompensation((in, why) -> undone.add("unconfirm " + in.input().id() + " after "
                                + why.getClass().getSimpleName())))
                .compensationRetries(0)
                .build();
        durable.register(graph);
        return graph;
    }

    @FunctionalInterface
    interface TaskFunctionOf<T> {
        T apply(Order order) throws Exception;
    }

    @Test
    void aRunIsRecordedTaskByTaskWithItsResultsAsJson() throws Exception {
        DurableGraphs durable = start("a");
        RunReport report = saga(durable, order -> "confirmed " + order.id()).run(new Order("o-1", 3));
        assertThat(report.succeeded()).isTrue();

        assertThat(rows("select graph, status, input, owner from skein_run"))
                .containsExactly(List.of("place order", "SUCCEEDED", "{\"id\":\"o-1\",\"quantity\":3}", durable.owner()));
        assertThat(rows("select task, outcome, result from skein_task order by started_at, task")).containsExactly(
                List.of("reserve stock", "SUCCEEDED", "{\"order\":\"o-1\",\"quantity\":3}"),
                List.of("authorise payment", "SUCCEEDED", "{\"order\":\"o-1\",\"cents\":300}"),
                List.of("confirm order", "SUCCEEDED", "\"confirmed o-1\""));
        DurableRun run = durable.runs(RunStatus.SUCCEEDED, 10).getFirst();
        assertThat(run.tasks()).extracting(DurableRun.Task::name)
                .containsExactly("reserve stock", "authorise payment", "confirm order");
        assertThat(run.endedAt()).isPresent();
    }

    @Test
    void aRunCostsTwoStatementsPerTaskItsOwnRecordsWrittenWithItsFirstAndLastTasks() throws Exception {
        DurableGraphs durable = start("a");
        Graph<Order> saga = saga(durable, order -> "confirmed " + order.id());
        saga.run(new Order("warm-up", 1));
        journalWrites.clear();
        saga.run(new Order("o-9", 1));
        // one statement, auto-committed, is one round trip: each task's start and end, the run's with the first and last
        assertThat(journalWrites).containsExactly("insert into skein_run + insert into skein_task", "update skein_task",
                "insert into skein_task", "update skein_task",
                "insert into skein_task", "update skein_run + update skein_task");
        assertThat(rows("select status, outcome, reason from skein_run where input like '%o-9%'"))
                .containsExactly(Arrays.asList("SUCCEEDED", "SUCCEEDED", null));
        assertThat(rows("select count(*) from skein_run r where ended_at is not null and exists (select 1 from skein_task t "
                + "where t.run_id = r.id and t.task = 'confirm order' and t.ended_at = r.ended_at)"))
                .as("the run ends in the statement that ends its last task").containsExactly(List.of("2"));
    }

    /**
     * Tasks with no dependencies start at once (a barrier makes sure each has recorded its start before either goes
     * on): one of them writes the run with its start, the other waits for it, and no run is written twice (without
     * the wait, the other's start would write the run again and fail on its key); the task after both writes the
     * run's end.
     */
    @Test
    void tasksThatStartTogetherWriteTheRunOnce() throws Exception {
        DurableGraphs durable = start("a");
        TaskKey<String> left = TaskKey.of("left", String.class);
        TaskKey<String> right = TaskKey.of("right", String.class);
        TaskKey<String> both = TaskKey.of("both", String.class);
        CyclicBarrier started = new CyclicBarrier(2);
        Graph<Order> graph = Graph.builder("two roots", Order.class)
                .journal(durable.journal())
                .task(left, in -> "left " + started.await(10, TimeUnit.SECONDS))
                .task(right, in -> "right " + started.await(10, TimeUnit.SECONDS))
                .task(both, List.of(left, right), in -> in.get(left) + " " + in.get(right))
                .build();
        int runs = 30;
        for (int i = 0; i < runs; i++) {
            assertThat(graph.runForReport(new Order(String.valueOf(i), 1)).succeeded()).isTrue();
        }
        // at most two statements per task: the ends of the two roots, which come together, may share one
        assertThat(journalWrites).as("statements").hasSizeLessThanOrEqualTo(runs * 6);
        assertThat(journalWrites).filteredOn(write -> write.contains("skein_run"))
                .containsOnly("insert into skein_run + insert into skein_task", "update skein_run + update skein_task")
                .hasSize(runs * 2);
        assertThat(rows("select status, count(*) from skein_run group by status")).containsExactly(List.of("SUCCEEDED", "30"));
        assertThat(rows("select outcome, count(*) from skein_task group by outcome")).containsExactly(List.of("SUCCEEDED", "90"));
    }

    /**
     * The statement that writes the last task's success and the run's commits, but its answer is lost: the task's
     * success counts as unrecorded, so the run compensates it, and the journal ends up saying so (the run
     * compensated, not succeeded).
     */
    @Test
    void aRunWhoseSuccessWasWrittenButNotAnsweredIsRecordedAsCompensated() throws Exception {
        DurableGraphs durable = DurableGraphs.builder(losingTheAnswerTo("final table (update skein_run"))
                .instanceName("a").takeover(Duration.ofSeconds(1)).start();
        instances.add(durable);
        RunReport report = saga(durable, order -> "confirmed " + order.id()).runForReport(new Order("o-11", 1));

        assertThat(report.succeeded()).isFalse();
        assertThat(rows("select status from skein_run")).containsExactly(List.of("COMPENSATED"));
        assertThat(rows("select task, outcome, compensation from skein_task order by started_at, task")).containsExactly(
                List.of("reserve stock", "SUCCEEDED", "COMPENSATED"),
                List.of("authorise payment", "SUCCEEDED", "COMPENSATED"),
                List.of("confirm order", "FAILED", "COMPENSATED"));
        assertThat(undone).containsExactly("unconfirm o-11 after IllegalStateException",
                "void Payment[order=o-11, cents=100]", "release Reservation[order=o-11, quantity=1]");
    }

    /** A run none of whose tasks started (its deadline had passed) is recorded all the same, in one statement. */
    @Test
    void aRunThatStartedNoTaskIsRecordedAsItEnded() throws Exception {
        DurableGraphs durable = start("a");
        Graph<Order> saga = saga(durable, order -> "never called");
        AtomicReference<RunReport> report = new AtomicReference<>();
        try (Scope late = Scope.open(cfg -> cfg.withTimeout(Duration.ofMillis(50)))) {
            late.fork(() -> {
                try {
                    new CountDownLatch(1).await(); // until the deadline interrupts it
                } catch (InterruptedException deadlinePassed) {
                    report.set(saga.runForReport(new Order("o-10", 1)));
                }
                return null;
            });
            assertThatThrownBy(late::join).isInstanceOf(DeadlineExceededException.class);
        }
        assertThat(report.get().outcome()).isEqualTo(RunOutcome.DEADLINE_EXCEEDED);
        assertThat(journalWrites).containsExactly("insert into skein_run");
        assertThat(rows("select status, outcome, started_at is not null, ended_at is not null from skein_run"))
                .containsExactly(List.of("COMPENSATED", "DEADLINE_EXCEEDED", "TRUE", "TRUE"));
        assertThat(rows("select count(*) from skein_task")).containsExactly(List.of("0"));
    }

    @Test
    void runsAtOnceAreEachRecordedWhole() throws Exception {
        DurableGraphs durable = start("a");
        Graph<Order> saga = saga(durable, order -> {
            if (Integer.parseInt(order.id()) % 2 == 1) {
                throw new IllegalStateException("declined");
            }
            return "confirmed";
        });
        int runs = 60;
        try (Scope scope = Scope.open()) {
            for (int i = 0; i < runs; i++) {
                Order order = new Order(String.valueOf(i), 1);
                scope.fork(() -> saga.runForReport(order));
            }
            scope.join();
        }
        assertThat(rows("select status, count(*) from skein_run group by status order by status"))
                .containsExactly(List.of("COMPENSATED", "30"), List.of("SUCCEEDED", "30"));
        assertThat(rows("select count(*) from skein_task where outcome = 'SUCCEEDED'")).containsExactly(List.of("150"));
        assertThat(rows("select count(*) from skein_task where compensation = 'COMPENSATED'")).containsExactly(List.of("90"));
        assertThat(undone).hasSize(90);
    }

    @Test
    void aFailedRunIsRecordedWithItsCompensationsAndItsReason() throws Exception {
        DurableGraphs durable = start("a");
        Graph<Order> saga = saga(durable, order -> {
            throw new IllegalStateException("card declined");
        });
        assertThatThrownBy(() -> saga.run(new Order("o-2", 1))).isInstanceOf(GraphFailedException.class);

        assertThat(undone).containsExactly("unconfirm o-2 after IllegalStateException",
                "void Payment[order=o-2, cents=100]", "release Reservation[order=o-2, quantity=1]");
        DurableRun run = durable.runs(RunStatus.COMPENSATED, 10).getFirst();
        assertThat(run.outcome()).contains("FAILED");
        assertThat(run.reason().orElseThrow()).contains("card declined");
        assertThat(run.tasks()).extracting(DurableRun.Task::compensation)
                .containsOnly(java.util.Optional.of("COMPENSATED"));
    }

    @Test
    void aCompensationThatKeepsFailingIsParkedAndRunsOnceMoreWhenRetriedByHand() throws Exception {
        DurableGraphs durable = start("a");
        AtomicBoolean paymentServiceDown = new AtomicBoolean(true);
        AtomicInteger voids = new AtomicInteger();
        AtomicInteger releases = new AtomicInteger();
        Graph<Order> graph = Graph.builder("place order", Order.class)
                .journal(durable.journal())
                .task(RESERVE, in -> new Reservation(in.input().id(), 1), t -> t.withCompensation(r -> releases.incrementAndGet()))
                .task(AUTHORISE, List.of(RESERVE), in -> new Payment(in.input().id(), 100), t -> t.withCompensation(p -> {
                    if (paymentServiceDown.get()) {
                        throw new IllegalStateException("payment service unreachable");
                    }
                    voids.incrementAndGet();
                }))
                .task(CONFIRM, List.of(AUTHORISE), in -> {
                    throw new IllegalStateException("out of stock");
                })
                .compensationRetries(0)
                .build();
        durable.register(graph);
        assertThatThrownBy(() -> graph.run(new Order("o-3", 1))).isInstanceOf(GraphFailedException.class);

        DurableRun parked = durable.runs(RunStatus.PARKED, 10).getFirst();
        assertThat(parked.reason().orElseThrow()).contains("authorise payment", "payment service unreachable");
        assertThat(releases).hasValue(1); // the compensations it depends on still ran

        paymentServiceDown.set(false);
        assertThat(durable.retry(parked.id())).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> durable.run(parked.id()).orElseThrow().status() == RunStatus.COMPENSATED);
        assertThat(voids).hasValue(1);
        assertThat(releases).as("a compensation that succeeded is not run again").hasValue(1);
        DurableRun retried = durable.run(parked.id()).orElseThrow();
        assertThat(retried.outcome()).as("the run's outcome stays what it was").isEqualTo(parked.outcome()).contains("FAILED");
        assertThat(retried.reason().orElseThrow()).startsWith("compensated on a retry by hand; before it: ")
                .contains("out of stock", "parked: the compensation of task 'authorise payment' failed");
        assertThat(durable.retry(parked.id())).as("only a parked run is retried").isFalse();
    }

    @Test
    void runsThatEndedLongerAgoThanTheRetentionAreDeletedWithTheirTasksAndAParkedRunIsKept() throws Exception {
        DurableGraphs durable = DurableGraphs.builder(dataSource).instanceName("a").takeover(Duration.ofSeconds(1))
                .retention(Duration.ofDays(1)).start();
        instances.add(durable);
        Graph<Order> saga = saga(durable, order -> {
            if (order.id().startsWith("declined")) {
                throw new IllegalStateException("declined");
            }
            return "confirmed " + order.id();
        });
        saga.run(new Order("old-1", 1));
        assertThatThrownBy(() -> saga.run(new Order("declined-old", 1))).isInstanceOf(GraphFailedException.class);
        assertThatThrownBy(() -> saga.run(new Order("declined-parked", 1))).isInstanceOf(GraphFailedException.class);
        saga.run(new Order("recent-1", 1));
        // two days ago: the first two ended then, and the third was parked then, for a person, by an instance long dead
        String twoDaysAgo = "timestamp '" + java.time.LocalDateTime.now().minusDays(2).withNano(0).toString().replace('T', ' ') + "'";
        update("update skein_run set ended_at = " + twoDaysAgo + " where input not like '%recent-1%'");
        update("insert into skein_owner (id, heartbeat_at) values ('dead/with-a-parked-run', " + twoDaysAgo + ")");
        update("insert into skein_owner (id, heartbeat_at) values ('dead/with-nothing', " + twoDaysAgo + ")");
        update("update skein_run set status = 'PARKED', owner = 'dead/with-a-parked-run' where input like '%declined-parked%'");

        durable.deleteEnded();

        assertThat(rows("select status, input from skein_run order by status")).containsExactly(
                List.of("PARKED", "{\"id\":\"declined-parked\",\"quantity\":1}"),
                List.of("SUCCEEDED", "{\"id\":\"recent-1\",\"quantity\":1}"));
        assertThat(rows("select count(*) from skein_task t where not exists (select 1 from skein_run r where r.id = t.run_id)"))
                .containsExactly(List.of("0"));
        assertThat(rows("select count(*) from skein_task")).containsExactly(List.of("6"));
        assertThat(rows("select id from skein_owner order by id")).containsExactly(
                List.of(durable.owner()), List.of("dead/with-a-parked-run"));
    }

    /**
     * The database goes away while the run compensates (the compensation of "reserve stock" cuts it): the ends of that
     * compensation and of the run are recorded once it is back, at a heartbeat, so that no recovery undoes again what
     * was undone.
     */
    @Test
    void endsOfCompensationsAndOfTheRunThatCouldNotBeWrittenAreWrittenOnceTheDatabaseIsBack() throws Exception {
        AtomicBoolean down = new AtomicBoolean();
        DurableGraphs durable = DurableGraphs.builder(cutWhen(down)).instanceName("a").takeover(Duration.ofSeconds(1)).start();
        instances.add(durable);
        Graph<Order> graph = Graph.builder("place order", Order.class)
                .journal(durable.journal())
                .task(RESERVE, in -> new Reservation(in.input().id(), 1), t -> t.withCompensation(r -> {
                    undone.add("release " + r);
                    down.set(true);
                }))
                .task(CONFIRM, List.of(RESERVE), in -> {
                    throw new IllegalStateException("declined");
                })
                .compensationRetries(0)
                .build();
        durable.register(graph);
        assertThatThrownBy(() -> graph.run(new Order("o-8", 1))).isInstanceOf(GraphFailedException.class);
        assertThat(rows("select task, compensation from skein_task where task = 'reserve stock'"))
                .containsExactly(Arrays.asList("reserve stock", null));

        down.set(false);

        // (db-scheduler's threads failed while the database was away: their exceptions are not this test's)
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10))
                .until(() -> rows("select status from skein_run").equals(List.of(List.of("COMPENSATED"))));
        assertThat(rows("select task, compensation from skein_task where task = 'reserve stock'"))
                .containsExactly(List.of("reserve stock", "COMPENSATED"));
        assertThat(undone).containsExactly("release Reservation[order=o-8, quantity=1]");
    }

    /**
     * As above, but another instance takes the run over while the database is away from this one (an outage longer
     * than the takeover time): the late writes change nothing of the other instance's record.
     */
    @Test
    void endsThatCouldNotBeWrittenDoNotOverwriteTheRecordOfAnInstanceThatTookTheRunOver() throws Exception {
        AtomicBoolean down = new AtomicBoolean();
        DurableGraphs durable = DurableGraphs.builder(cutWhen(down)).instanceName("a").takeover(Duration.ofSeconds(1)).start();
        instances.add(durable);
        Graph<Order> graph = Graph.builder("place order", Order.class)
                .journal(durable.journal())
                .task(RESERVE, in -> new Reservation(in.input().id(), 1), t -> t.withCompensation(r -> down.set(true)))
                .task(CONFIRM, List.of(RESERVE), in -> {
                    throw new IllegalStateException("declined");
                })
                .compensationRetries(0)
                .build();
        assertThatThrownBy(() -> graph.run(new Order("o-9", 1))).isInstanceOf(GraphFailedException.class);
        update("update skein_run set status = 'RECOVERING', owner = 'b/other-instance'");
        update("update skein_task set compensation = 'COMPENSATION_FAILED' where task = 'reserve stock'");

        down.set(false);

        // once the heartbeat has flushed the late writes, which found the run no longer this instance's
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> durable.pendingEnds() == 0);
        assertThat(rows("select status, owner from skein_run")).containsExactly(List.of("RECOVERING", "b/other-instance"));
        assertThat(rows("select compensation from skein_task where task = 'reserve stock'"))
                .containsExactly(List.of("COMPENSATION_FAILED"));
    }

    @Test
    void aRetentionOutsideItsBoundsIsRefusedNamingThem() {
        assertThatThrownBy(() -> DurableGraphs.builder(dataSource).retention(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("retention must be from 1 s to 3650 days, was PT0.5S");
        assertThatThrownBy(() -> DurableGraphs.builder(dataSource).retention(Duration.ofDays(3651)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3650 days");
    }

    /** The journal keeps the result of a task undone before: a parked uncertain compensation retried needs it. */
    @Test
    void aParkedUncertainCompensationRetriedByHandTakesTheResultOfATaskUndoneBefore() throws Exception {
        DurableGraphs durable = start("a");
        AtomicBoolean paymentServiceDown = new AtomicBoolean(true);
        List<String> refunds = new CopyOnWriteArrayList<>();
        Graph<Order> graph = Graph.builder("place order", Order.class)
                .journal(durable.journal())
                .task(RESERVE, in -> new Reservation(in.input().id(), 2), t -> t.withCompensation(r -> undone.add("release " + r)))
                .task(CONFIRM, List.of(RESERVE), in -> {
                    throw new IllegalStateException("capture timed out");
                }, t -> t.withCompensation(c -> undone.add("unconfirm " + c)).withUncertainCompensation((in, why) -> {
                    if (paymentServiceDown.get()) {
                        throw new IllegalStateException("payment service unreachable");
                    }
                    refunds.add("refund " + in.get(RESERVE));
                }))
                .compensationRetries(0)
                .build();
        durable.register(graph);
        assertThatThrownBy(() -> graph.run(new Order("o-6", 2))).isInstanceOf(GraphFailedException.class);
        DurableRun parked = durable.runs(RunStatus.PARKED, 10).getFirst();
        assertThat(undone).containsExactly("release Reservation[order=o-6, quantity=2]");

        paymentServiceDown.set(false);
        assertThat(durable.retry(parked.id())).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> durable.run(parked.id()).orElseThrow().status() == RunStatus.COMPENSATED);

        assertThat(refunds).containsExactly("refund Reservation[order=o-6, quantity=2]");
        assertThat(undone).as("what was undone before is not undone again").hasSize(1);
    }

    @Test
    void aRunWhoseOwnerStoppedIsCompensatedByAnotherInstanceFromTheJournal() throws Exception {
        ownerDiesWhileConfirming(new Order("o-4", 2));

        DurableGraphs other = start("other");
        saga(other, order -> "never called");
        await().atMost(Duration.ofSeconds(20)).until(() -> !other.runs(RunStatus.COMPENSATED, 10).isEmpty());

        DurableRun run = other.runs(RunStatus.COMPENSATED, 10).getFirst();
        assertThat(run.outcome()).contains("OWNER_LOST");
        assertThat(run.reason()).contains("owner lost");
        assertThat(undone).containsExactly("unconfirm o-4 after " + OwnerLostException.class.getSimpleName(),
                "void Payment[order=o-4, cents=200]", "release Reservation[order=o-4, quantity=2]");
        assertThat(run.tasks()).extracting(DurableRun.Task::compensation).containsOnly(java.util.Optional.of("COMPENSATED"));
    }

    @Test
    void aRunWhoseEveryTaskSucceededIsNotCompensatedWhenItsOwnerDiedBeforeRecordingItsEnd() throws Exception {
        DurableGraphs owner = start("owner");
        saga(owner, order -> "confirmed").run(new Order("o-6", 1));
        update("update skein_run set status = 'RUNNING', outcome = null, ended_at = null"); // its end never written
        owner.close();

        DurableGraphs other = start("other");
        saga(other, order -> "never called");
        await().atMost(Duration.ofSeconds(20)).until(() -> !other.runs(RunStatus.SUCCEEDED, 10).isEmpty());
        assertThat(other.runs(RunStatus.SUCCEEDED, 10).getFirst().reason().orElseThrow()).contains("every task succeeded");
        assertThat(undone).isEmpty();
    }

    @Test
    void anInstanceWithAnotherVersionOfTheGraphLeavesTheRunToOneWithItsVersion() throws Exception {
        ownerDiesWhileConfirming(new Order("o-5", 1));

        DurableGraphs changed = start("changed"); // a rolling deploy: the new version has one task fewer
        changed.register(Graph.builder("place order", Order.class).journal(changed.journal())
                .task(RESERVE, in -> new Reservation(in.input().id(), 1), t -> t.withCompensation(r -> undone.add("wrong")))
                .build());
        await().atMost(Duration.ofSeconds(20)).until(() -> rows("select reason from skein_run").getFirst().getFirst() != null);
        assertThat(rows("select status, reason from skein_run").getFirst()).first().isEqualTo("RUNNING");
        assertThat(rows("select reason from skein_run").getFirst().getFirst())
                .startsWith("waiting for an instance with version").contains("of graph 'place order'");
        assertThat(undone).isEmpty();

        DurableGraphs old = start("old");
        saga(old, order -> "never called");
        await().atMost(Duration.ofSeconds(20)).until(() -> !old.runs(RunStatus.COMPENSATED, 10).isEmpty());
        assertThat(undone).containsExactly("unconfirm o-5 after " + OwnerLostException.class.getSimpleName(),
                "void Payment[order=o-5, cents=100]", "release Reservation[order=o-5, quantity=1]");
    }

    /**
     * Starts {@code order}'s saga on an instance "owner" whose task "confirm order" hangs, and stops that
     * instance's heartbeat once it does, as if it had died there (killed, its node lost).
     */
    private void ownerDiesWhileConfirming(Order order) throws Exception {
        DurableGraphs owner = start("owner");
        CountDownLatch confirming = new CountDownLatch(1);
        Graph<Order> ownersGraph = saga(owner, o -> {
            confirming.countDown();
            stuck.await();
            return "confirmed";
        });
        Thread.ofVirtual().start(() -> {
            try {
                ownersGraph.run(order);
            } catch (Exception ignored) { // the owner's own view of the run is not what these tests are about
            }
        });
        assertThat(confirming.await(10, TimeUnit.SECONDS)).isTrue();
        owner.close();
    }

    private void update(String statement) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private List<List<String>> rows(String query) throws Exception {
        return Rows.of(dataSource, query);
    }
}
