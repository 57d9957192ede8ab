package dev.skein.benchmarks;

import dev.skein.durable.DurableGraphs;
import dev.skein.graph.Graph;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskKey;
import io.agroal.api.AgroalDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A 4-task saga (create order, then reserve stock and authorise payment side by side, then confirm), each
 * task trivial, run durably (the journal of {@code skein-durable} in PostgreSQL, on a pooled data source:
 * Agroal, as in Quarkus) and in memory; and, on the same pool, one round trip ({@code SELECT 1}) and one
 * committed write (an auto-committed {@code UPDATE} of one row, which waits for the write-ahead log's flush).
 * The journal writes each task's start and end, one auto-committed statement each, the run's start and success
 * in its first and last task's: a lone saga's cost per task is about two and a half committed writes (its
 * statements are heavier than a one-row update; docs/durability.md). {@code durableSagaAsyncCommit} runs the journal on connections with
 * {@code synchronous_commit=off}.
 *
 * <p>Needs PostgreSQL, as {@link SharedLimitBenchmark} does; it works in the schema {@value #SCHEMA}, made
 * afresh. Run it with {@code core/benchmarks/run.sh --durable}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DurableSagaBenchmark {

    static final String SCHEMA = "skein_benchmark_durable";
    static final int TASKS = 4;
    static final int CONCURRENT = 16;

    record Order(String id) {
    }

    static final TaskKey<Order> CREATE = TaskKey.of("create order", Order.class);
    static final TaskKey<String> RESERVE = TaskKey.of("reserve stock", String.class);
    static final TaskKey<String> AUTHORISE = TaskKey.of("authorise payment", String.class);
    static final TaskKey<String> CONFIRM = TaskKey.of("confirm order", String.class);

    private AgroalDataSource dataSource;
    private AgroalDataSource asyncCommitDataSource;
    private DurableGraphs durable;
    private DurableGraphs durableAsyncCommit;
    private Graph<String> journaledAsyncCommit;
    private Graph<String> inMemory;
    private Graph<String> journaled;

    @Setup
    public void build() throws Exception {
        String url = System.getProperty(SharedLimitBenchmark.URL_PROPERTY, SharedLimitBenchmark.DEFAULT_URL);
        try (AgroalDataSource admin = SharedLimitBenchmark.pool(url, 1, false)) {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("drop schema if exists " + SCHEMA + " cascade");
                s.execute("create schema " + SCHEMA);
            }
        } catch (SQLException unreachable) {
            throw new IllegalStateException("DurableSagaBenchmark needs PostgreSQL at " + url + ": start it, or point -D"
                    + SharedLimitBenchmark.URL_PROPERTY + "=<jdbc url> at another: " + unreachable, unreachable);
        }
        String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
        dataSource = SharedLimitBenchmark.pool(schemaUrl, 20, false);
        asyncCommitDataSource = SharedLimitBenchmark.pool(schemaUrl, 8, true);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String statement : migration().split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
            s.execute("create table benchmark_counter (id int primary key, n bigint not null)");
            s.execute("insert into benchmark_counter values (1, 0)");
        }
        durable = DurableGraphs.builder(dataSource).instanceName("benchmark").start();
        inMemory = saga(Graph.builder("place order", String.class));
        journaled = saga(Graph.builder("place order", String.class).journal(durable.journal()));
        durable.register(journaled);
        durableAsyncCommit = DurableGraphs.builder(asyncCommitDataSource).instanceName("benchmark-async-commit").start();
        journaledAsyncCommit = saga(Graph.builder("place order, async commit", String.class).journal(durableAsyncCommit.journal()));
        durableAsyncCommit.register(journaledAsyncCommit);
    }

    private static Graph<String> saga(Graph.Builder<String> builder) {
        return builder
                .task(CREATE, in -> new Order(in.input()), t -> t.withCompensation(o -> { }))
                .task(RESERVE, List.of(CREATE), in -> "stock for " + in.get(CREATE).id(), t -> t.withCompensation(r -> { }))
                .task(AUTHORISE, List.of(CREATE), in -> "payment for " + in.get(CREATE).id(), t -> t.withCompensation(p -> { }))
                .task(CONFIRM, List.of(RESERVE, AUTHORISE), in -> "confirmed")
                .build();
    }

    private static String migration() throws IOException {
        try (InputStream in = DurableGraphs.class.getResourceAsStream("/db/skein/V1__skein_durable.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return sql.replaceAll("(?m)^--.*$", "");
        }
    }

    @TearDown
    public void close() {
        durable.close();
        durableAsyncCommit.close();
        dataSource.close();
        asyncCommitDataSource.close();
    }

    @Benchmark
    public RunReport inMemorySaga() throws InterruptedException {
        return inMemory.run("o");
    }

    @Benchmark
    public RunReport durableSaga() throws InterruptedException {
        return journaled.run("o");
    }

    /** {@value #CONCURRENT} durable sagas at once, as a service under load runs them: their records come together. */
    @Benchmark
    public int durableSagasConcurrently() throws InterruptedException {
        return concurrently(journaled);
    }

    @Benchmark
    public int inMemorySagasConcurrently() throws InterruptedException {
        return concurrently(inMemory);
    }

    private static int concurrently(Graph<String> saga) throws InterruptedException {
        try (dev.skein.scope.Scope scope = dev.skein.scope.Scope.open()) {
            for (int i = 0; i < CONCURRENT; i++) {
                scope.fork(() -> saga.run("o"));
            }
            scope.join();
        }
        return CONCURRENT;
    }

    @Benchmark
    public RunReport durableSagaAsyncCommit() throws InterruptedException {
        return journaledAsyncCommit.run("o");
    }

    @Benchmark
    public int committedWrite() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("update benchmark_counter set n = n + 1 where id = 1")) {
            return update.executeUpdate();
        }
    }

    @Benchmark
    public int roundTrip() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT 1");
                ResultSet result = select.executeQuery()) {
            result.next();
            return result.getInt(1);
        }
    }
}
