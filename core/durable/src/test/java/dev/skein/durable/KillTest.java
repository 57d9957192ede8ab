package dev.skein.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.graph.TaskKey;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The service is killed ({@code kill -9}) at random points of a durable saga; two other instances, racing,
 * recover its runs. The database, not the API, must then show each run compensated for "owner lost", within
 * the takeover time and a half of the kill (plus {@link #MARGIN}): every task recorded done undone by its
 * compensation, every task started without a recorded end by its uncertain compensation, each once by the
 * recovery, and not at all by it when the journal had recorded the compensation's end before the kill (the
 * killed service may have invoked, once, a compensation whose end it could not record: the one it was killed
 * in, or one running alongside it); nothing that never started; in reverse dependency order.
 */
@Tag("postgres")
class KillTest {

    /** Processes killed in all; each runs {@link #SAGAS_PER_KILL} sagas, each stopped at its own point. */
    private static final int KILLS = Integer.getInteger("skein.kill-test.kills", 54);
    private static final int SAGAS_PER_KILL = 2;
    /** Services started, stopped and killed together, whose runs are then recovered together. */
    private static final int SERVICES_PER_ROUND = Integer.getInteger("skein.kill-test.services", 6);
    /** Independent lanes, each on a schema of its own: a service starts in one while another recovers. */
    private static final int LANES = Integer.getInteger("skein.kill-test.lanes", 1);
    private static final Duration TAKEOVER = Duration.ofSeconds(1);
    /**
     * What a recovery may take beyond the takeover time and a half (docs/durability.md: the takeover time, then up
     * to a quarter of it for the next look for orphans and another for db-scheduler's polling): the two
     * recovering instances' start after the kill, and the compensations' writes, on a loaded machine.
     */
    private static final Duration MARGIN = Duration.ofSeconds(Long.getLong("skein.kill-test.margin-seconds", 5));
    private static final Duration RECOVERY = TAKEOVER.multipliedBy(3).dividedBy(2).plus(MARGIN);

    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger sagas = new AtomicInteger();
    private final AtomicInteger invokedTwice = new AtomicInteger();
    private final AtomicLong slowestRecovery = new AtomicLong();
    private final Map<Saga.Point, AtomicInteger> byPoint = new java.util.concurrent.ConcurrentHashMap<>();

    @Test
    void everyRunOfAKilledServiceIsCompensatedOnceByAnotherInstance() throws Exception {
        long seed = Long.getLong("skein.kill-test.seed", System.nanoTime());
        System.out.println("KillTest seed " + seed + " (-Dskein.kill-test.seed=" + seed + " repeats it)");
        long start = System.nanoTime();
        ExecutorService lanes = Executors.newFixedThreadPool(LANES);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int lane = 0; lane < LANES; lane++) {
                int l = lane;
                int kills = KILLS / LANES + (lane < KILLS % LANES ? 1 : 0);
                Random random = new Random(seed + lane);
                running.add(lanes.submit(() -> {
                    lane("durable_kill_" + l, kills, random);
                    return null;
                }));
            }
            for (Future<?> lane : running) {
                lane.get();
            }
        } finally {
            lanes.shutdownNow();
        }
        System.out.printf("KillTest: %d kills, %d sagas (%s), %d compensations invoked twice, slowest recovery %d ms after "
                + "the kill, %d s%n", kills.get(), sagas.get(), byPoint, invokedTwice.get(), slowestRecovery.get(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
        assertThat(kills.get()).isGreaterThanOrEqualTo(KILLS);
    }

    private void lane(String schema, int kills, Random random) throws Exception {
        DataSource dataSource = Postgres.freshSchema(schema);
        Saga.createTables(dataSource);
        for (int round = 0; kills > 0; round++) {
            List<Map<String, Saga.KillPoint>> services = new ArrayList<>();
            Map<String, Saga.KillPoint> plan = new LinkedHashMap<>();
            for (int service = 0; service < Math.min(SERVICES_PER_ROUND, kills); service++) {
                Map<String, Saga.KillPoint> sagas = new LinkedHashMap<>();
                for (int i = 0; i < SAGAS_PER_KILL; i++) {
                    Saga.Point point = Saga.Point.values()[random.nextInt(Saga.Point.values().length)];
                    String task = Saga.TASKS.get(random.nextInt(Saga.TASKS.size())).name();
                    sagas.put(UUID.randomUUID().toString(), new Saga.KillPoint(point, task));
                }
                services.add(sagas);
                plan.putAll(sagas);
            }
            kills -= services.size();
            long t0 = System.nanoTime();
            long t1 = killAt(schema, services);
            recoverAndCheck(schema, dataSource, plan, t1);
            long t2 = System.nanoTime();
            System.out.printf("%s round %d %s: %d services killed after %d ms, recovered and checked in %d ms%n", schema,
                    round, plan.values(), services.size(), (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
        }
    }

    /**
     * Starts a service per plan, waits until every saga of each stopped at its point, and kills them with
     * SIGKILL. {@return when they were killed, by {@link System#nanoTime}}
     */
    private long killAt(String schema, List<Map<String, Saga.KillPoint>> plans) throws Exception {
        File log = new File("target/kill-test-" + schema + ".log");
        List<Process> services = new ArrayList<>();
        long killed;
        try {
            List<BlockingQueue<String>> outputs = new ArrayList<>();
            for (Map<String, Saga.KillPoint> plan : plans) {
                List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                        SagaService.class.getName(), schema));
                plan.forEach((order, point) -> command.add(order + "=" + point));
                Process service = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log)).start();
                services.add(service);
                BlockingQueue<String> lines = new LinkedBlockingQueue<>();
                outputs.add(lines);
                Thread.ofVirtual().start(() -> {
                    try (BufferedReader out = new BufferedReader(new InputStreamReader(service.getInputStream(),
                            StandardCharsets.UTF_8))) {
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            if (line.startsWith("AT ") || line.startsWith("ENDED ")) { // not the JVM's own warnings
                                lines.add(line);
                            }
                        }
                    } catch (Exception closed) { // the kill
                    }
                });
            }
            for (int i = 0; i < plans.size(); i++) {
                Map<String, Saga.KillPoint> plan = plans.get(i);
                List<String> at = new ArrayList<>();
                while (at.size() < plan.size()) {
                    String line = outputs.get(i).poll(60, TimeUnit.SECONDS);
                    assertThat(line).as("the service's line for %s (see %s)", plan, log).isNotNull().startsWith("AT ");
                    at.add(line);
                }
                for (Map.Entry<String, Saga.KillPoint> saga : plan.entrySet()) {
                    assertThat(at).contains("AT " + saga.getValue() + " " + saga.getKey());
                }
            }
        } finally {
            for (Process service : services) {
                service.destroyForcibly(); // SIGKILL on Linux
            }
            killed = System.nanoTime();
            for (Process service : services) {
                long pid = service.pid();
                assertThat(service.waitFor(10, TimeUnit.SECONDS)).isTrue();
                assertThat(service.exitValue()).as("exit status of a process killed by SIGKILL").isEqualTo(128 + 9);
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
                kills.incrementAndGet();
            }
        }
        return killed;
    }

    private void recoverAndCheck(String schema, DataSource dataSource, Map<String, Saga.KillPoint> plan, long killed)
            throws Exception {
        // a write the killed services sent just before the kill is done (or undone) once their sessions are gone
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> query(dataSource,
                "select count(*) from pg_stat_activity where application_name = ?", SagaService.applicationName(schema))
                .equals(List.of("0")));
        Map<String, String> runs = new HashMap<>();
        Map<String, List<String>> compensatedAtKill = new HashMap<>();
        for (String order : plan.keySet()) {
            List<String> ids = query(dataSource, "select id from skein_run where input::jsonb ->> 'id' = ?", order);
            assertThat(ids).as("runs of order %s", order).hasSize(1);
            runs.put(order, ids.getFirst());
            compensatedAtKill.put(order, query(dataSource, "select task from skein_task where run_id = ? "
                    + "and compensation = 'COMPENSATED'", ids.getFirst()));
        }
        long t0 = System.nanoTime();
        try (DurableGraphs a = recovering(dataSource, "recovering-a"); DurableGraphs b = recovering(dataSource, "recovering-b")) {
            await().atMost(RECOVERY.multipliedBy(4)).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
                for (String run : runs.values()) {
                    assertThat(query(dataSource, "select status from skein_run where id = ?", run))
                            .as("status of run %s", run).containsExactly("COMPENSATED");
                }
            });
            long compensated = System.nanoTime();
            long afterKill = (compensated - killed) / 1_000_000;
            System.out.printf("  compensated %d ms after the kill, %d ms after the instances started%n", afterKill,
                    (compensated - t0) / 1_000_000);
            slowestRecovery.accumulateAndGet(afterKill, Math::max);
            assertThat(Duration.ofMillis(afterKill)).as("time from the kill until every run was compensated (takeover "
                    + "time %s, and a half, plus %s)", TAKEOVER, MARGIN).isLessThanOrEqualTo(RECOVERY);
        }
        try (Connection c = dataSource.getConnection()) {
            for (Map.Entry<String, Saga.KillPoint> saga : plan.entrySet()) {
                check(c, saga.getKey(), runs.get(saga.getKey()), saga.getValue(), compensatedAtKill.get(saga.getKey()));
            }
        }
    }

    private static DurableGraphs recovering(DataSource dataSource, String name) throws SQLException {
        DurableGraphs durable = DurableGraphs.builder(dataSource).instanceName(name).takeover(TAKEOVER).start();
        durable.register(Saga.graph(durable.journal(), dataSource, Saga.Points.NONE));
        return durable;
    }

    /**
     * What the database shows of one saga, killed at {@code kill}, once recovered; {@code compensatedAtKill}: its
     * tasks whose compensation the journal had recorded as done when the service was killed.
     */
    private void check(Connection c, String order, String run, Saga.KillPoint kill, List<String> compensatedAtKill)
            throws SQLException {
        String what = "order " + order + ", run " + run + ", killed at " + kill;
        sagas.incrementAndGet();
        byPoint.computeIfAbsent(kill.point(), p -> new AtomicInteger()).incrementAndGet();
        assertThat(query(c, "select outcome || ' ' || reason from skein_run where id = ?", run)).as(what)
                .singleElement().asString().startsWith("OWNER_LOST ").contains("owner lost");
        Map<String, Long> firstUndo = new HashMap<>();
        Map<String, Long> lastUndo = new HashMap<>();
        for (TaskKey<Saga.Step> key : Saga.TASKS) {
            String task = key.name();
            String of = what + ", task " + task;
            List<String> row = query(c, "select outcome || ' ' || coalesce(compensation, '-') from skein_task "
                    + "where run_id = ? and task = ?", run, task);
            int done = count(c, "select count(*) from effect where order_id = ? and task = ? and kind = 'do'", order, task);
            List<String> undone = query(c, "select kind from undone where order_id = ? and task = ?", order, task);
            List<Long> undos = query(c, "select seq from effect where order_id = ? and task = ? and kind <> 'do' "
                    + "order by seq", order, task).stream().map(Long::valueOf).toList();
            assertThat(done).as(of + ": effects").isLessThanOrEqualTo(1);
            if (row.isEmpty()) { // never started
                assertThat(done).as(of + ": effect of a task the journal has not seen start").isZero();
                assertThat(undone).as(of + ": compensations of a task that never started").isEmpty();
                assertThat(undos).as(of + ": compensation invocations of a task that never started").isEmpty();
                assertThat(kill.task().equals(task) && !kill.point().compensating()).as(of + ": killed in it, yet no start")
                        .isFalse();
                continue;
            }
            String outcome = row.getFirst().split(" ")[0];
            assertThat(row.getFirst()).as(of + ": journal").endsWith(" COMPENSATED");
            String kind = outcome.equals("SUCCEEDED") ? "undo" : "uncertain";
            if (!outcome.equals("SUCCEEDED")) {
                assertThat(outcome).as(of + ": outcome").isIn("STARTED", "FAILED");
            }
            assertThat(undone).as(of + ": recorded " + outcome + ", so undone once by its " + kind + " compensation")
                    .containsExactly(kind);
            assertThat(undos).as(of + ": invocations of its compensation").hasSizeBetween(1, 2);
            int byRecovery = count(c, "select count(*) from effect where order_id = ? and task = ? and kind = ? and pid = ?",
                    order, task, kind, Saga.PID);
            assertThat(undos.size() - byRecovery).as(of + ": invocations of its compensation by the killed service")
                    .isLessThanOrEqualTo(1);
            if (compensatedAtKill.contains(task)) {
                assertThat(byRecovery).as(of + ": invocations by the recovery of a compensation the journal had "
                        + "recorded as done before the kill").isZero();
            } else {
                assertThat(byRecovery).as(of + ": invocations of its compensation by the recovery").isOne();
            }
            assertThat(count(c, "select count(*) from effect where order_id = ? and task = ? and kind <> ?",
                    order, task, kind) - done).as(of + ": invocations of the other compensation").isZero();
            if (kind.equals("undo")) {
                assertThat(query(c, "select distinct detail from effect where order_id = ? and task = ? and kind = 'undo'",
                        order, task)).as(of + ": the recorded result").containsExactly(order + "/" + task);
            }
            if (undos.size() == 2) {
                invokedTwice.incrementAndGet();
                assertThat(kill.point().compensating()).as(of + ": compensation invoked twice, though the kill did not "
                        + "come during compensation").isTrue();
            }
            if (kill.task().equals(task) && !kill.point().compensating()) {
                assertThat(outcome).as(of + ": killed in it").isEqualTo("STARTED");
                assertThat(done).as(of + ": effect").isEqualTo(kill.point() == Saga.Point.AFTER ? 1 : 0);
            }
            if (kill.point().compensating() && task.equals(Saga.CAPTURE.name())) {
                assertThat(outcome).as(of + ": declined").isEqualTo("FAILED");
            }
            firstUndo.put(task, undos.getFirst());
            lastUndo.put(task, undos.getLast());
        }
        for (TaskKey<Saga.Step> key : Saga.TASKS) {
            for (TaskKey<Saga.Step> dependency : Saga.AFTER.get(key)) {
                String t = key.name();
                String d = dependency.name();
                if (firstUndo.containsKey(t) && firstUndo.containsKey(d)) {
                    assertThat(firstUndo.get(t)).as(what + ": '" + t + "' undone before '" + d + "', which it depends on")
                            .isLessThan(firstUndo.get(d));
                    assertThat(lastUndo.get(t)).as(what + ": '" + t + "' undone (last) before '" + d + "'")
                            .isLessThan(lastUndo.get(d));
                }
            }
        }
    }

    private static List<String> query(DataSource dataSource, String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return query(c, sql, parameters);
        }
    }

    private static List<String> query(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
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

    private static int count(Connection c, String sql, Object... parameters) throws SQLException {
        return Integer.parseInt(query(c, sql, parameters).getFirst());
    }
}
