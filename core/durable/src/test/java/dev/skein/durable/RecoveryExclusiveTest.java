package dev.skein.durable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.graph.Graph;
import dev.skein.graph.TaskKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A run being recovered is not compensated by a second instance at the same time: db-scheduler gives a
 * recovery to another instance when it misses the first one's heartbeats (it may merely be slow: a pause,
 * a loaded machine), and that instance must leave the run to the first while the first is alive.
 */
@Tag("postgres")
class RecoveryExclusiveTest {

    private static final TaskKey<String> RESERVE = TaskKey.of("reserve", String.class);
    private static final TaskKey<String> CHARGE = TaskKey.of("charge", String.class);

    @Test
    void aRunBeingRecoveredIsNotCompensatedAgainByAnotherInstanceOrTheSameOne() throws Exception {
        DataSource dataSource = Postgres.freshSchema("durable_exclusive");
        AtomicInteger invocations = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (DurableGraphs a = recovering(dataSource, "a", invocations, entered, release);
                DurableGraphs b = recovering(dataSource, "b", invocations, entered, release)) {
            String run = orphan(dataSource, a);
            assertThat(entered.await(20, TimeUnit.SECONDS)).as("one instance compensates the orphan").isTrue();

            // as if db-scheduler had revived the recovery, thinking its instance dead: to each instance
            for (DurableGraphs instance : new DurableGraphs[] {a, b}) {
                Thread again = Thread.ofVirtual().start(() -> {
                    try {
                        instance.recoverOrPark(run);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                assertThat(again.join(Duration.ofSeconds(10))).as("the second recovery returns at once").isTrue();
            }
            assertThat(invocations).as("compensations while the first recovery goes on").hasValue(1);

            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> status(dataSource, run).startsWith("COMPENSATED "));
            assertThat(status(dataSource, run)).contains("owner lost");
            assertThat(invocations).as("compensations in all").hasValue(1);
        } finally {
            release.countDown();
        }
    }

    private static DurableGraphs recovering(DataSource dataSource, String name, AtomicInteger invocations,
            CountDownLatch entered, CountDownLatch release) throws Exception {
        DurableGraphs durable = DurableGraphs.builder(dataSource).instanceName(name).takeover(Duration.ofSeconds(1)).start();
        durable.register(graph(durable, invocations, entered, release));
        return durable;
    }

    private static Graph<String> graph(DurableGraphs durable, AtomicInteger invocations, CountDownLatch entered,
            CountDownLatch release) {
        return Graph.builder("exclusive", String.class)
                .task(RESERVE, in -> "reservation of " + in.input(), task -> task.withCompensation(reservation -> {
                    if (invocations.incrementAndGet() == 1) { // the first recovery waits here
                        entered.countDown();
                        release.await();
                    }
                }))
                .task(CHARGE, List.of(RESERVE), in -> "charged", task -> task.withCompensation(charge -> {
                }).withUncertainCompensation((in, failure) -> {
                }))
                .journal(durable.journal())
                .build();
    }

    /** {@return the id of a run whose owner died after reserve succeeded, while charge ran} */
    private static String orphan(DataSource dataSource, DurableGraphs durable) throws Exception {
        String run = UUID.randomUUID().toString();
        Graph<String> shape = graph(durable, new AtomicInteger(), new CountDownLatch(0), new CountDownLatch(0));
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("insert into skein_run (id, graph, graph_version, input, owner, "
                    + "status, started_at) values (?, 'exclusive', ?, '\"order 1\"', 'dead/00000000', 'RUNNING', current_timestamp)")) {
                s.setString(1, run);
                s.setString(2, JdbcJournal.version(shape));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into skein_task (run_id, task, outcome, result, started_at, "
                    + "ended_at) values (?, 'reserve', 'SUCCEEDED', '\"reservation of order 1\"', current_timestamp, current_timestamp)")) {
                s.setString(1, run);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("insert into skein_task (run_id, task, outcome, started_at) "
                    + "values (?, 'charge', 'STARTED', current_timestamp)")) {
                s.setString(1, run);
                s.executeUpdate();
            }
        }
        return run;
    }

    private static String status(DataSource dataSource, String run) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select status || ' ' || coalesce(reason, '') from skein_run where id = ?")) {
            s.setString(1, run);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
