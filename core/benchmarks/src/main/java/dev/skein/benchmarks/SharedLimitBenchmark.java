package dev.skein.benchmarks;

import dev.skein.limits.PostgresRateLimitStore;
import dev.skein.policy.FailDirection;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
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
 * A trivial call through a named policy whose only strategy is a rate limit that never rejects: counted by
 * this JVM (SmallRye's rate limit, as Skein configures it), and shared in PostgreSQL through
 * {@link PostgresRateLimitStore} (Bucket4j, one advisory-locked transaction per permit) on a pooled data
 * source (Agroal, as in Quarkus). Single-threaded, so the advisory lock is never contended: this is the cost
 * of one call, not of many instances queueing on one limit. What the shared call is made of:
 * {@code roundTrip} ({@code SELECT 1} on a pooled connection), {@code advisoryLockTransaction} (a transaction
 * that only takes an advisory lock, as Bucket4j's does, and commits) and {@code sharedRateLimitAsyncCommit}
 * (the shared limit on connections with {@code synchronous_commit=off}: its commit does not wait for the
 * write-ahead log's flush).
 *
 * <p>Needs PostgreSQL: by default {@value #DEFAULT_URL} as user {@code postgres} (trust authentication);
 * another with {@code -Dskein.benchmarks.postgres=<jdbc url>} (user and password in the URL). Run it with
 * {@code core/benchmarks/run.sh --shared-limits}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SharedLimitBenchmark {

    static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String URL_PROPERTY = "skein.benchmarks.postgres";
    static final String TABLE = "skein_rate_limit_benchmark";
    static final Duration WINDOW = Duration.ofHours(1);
    static final Callable<Integer> TRIVIAL = () -> 1;
    private static final List<String> NAMES = List.of("benchmark-local-limit", "benchmark-shared-limit",
            "benchmark-shared-limit-async-commit");

    private AgroalDataSource dataSource;
    private AgroalDataSource asyncCommitDataSource;
    private Policy local;
    private Policy shared;
    private Policy sharedAsyncCommit;

    @Setup
    public void build() throws SQLException {
        String url = System.getProperty(URL_PROPERTY, DEFAULT_URL);
        dataSource = pool(url, false);
        asyncCommitDataSource = pool(url, true);
        PostgresRateLimitStore store = PostgresRateLimitStore.of(dataSource, TABLE);
        try {
            store.createTable();
        } catch (SQLException unreachable) {
            throw new IllegalStateException("SharedLimitBenchmark needs PostgreSQL at " + url + " (user postgres unless "
                    + "the URL says otherwise): start it, or point -D" + URL_PROPERTY + "=<jdbc url> at another: "
                    + unreachable, unreachable);
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + TABLE); // every run starts with full buckets
        }
        NAMES.forEach(Policies::remove);
        // Integer.MAX_VALUE per hour never rejects here. Not per second, as PolicyBenchmark's: Bucket4j refuses to
        // refill more than one token per nanosecond, and the store's calls would all fail.
        local = Policies.define(NAMES.get(0), p -> p.withRateLimit(rl -> rl.withLimit(Integer.MAX_VALUE)
                .withWindow(WINDOW)));
        shared = Policies.define(NAMES.get(1), p -> p.withRateLimit(rl -> rl.withLimit(Integer.MAX_VALUE)
                .withWindow(WINDOW).shared(store, FailDirection.CLOSED)));
        PostgresRateLimitStore asyncStore = PostgresRateLimitStore.of(asyncCommitDataSource, TABLE);
        sharedAsyncCommit = Policies.define(NAMES.get(2), p -> p.withRateLimit(rl -> rl.withLimit(Integer.MAX_VALUE)
                .withWindow(WINDOW).shared(asyncStore, FailDirection.CLOSED)));
    }

    private static AgroalDataSource pool(String url, boolean asyncCommit) throws SQLException {
        return pool(url, 2, asyncCommit);
    }

    /** {@return an Agroal pool of at most {@code size} connections to {@code url}, as user postgres unless it says} */
    static AgroalDataSource pool(String url, int size, boolean asyncCommit) throws SQLException {
        AgroalDataSourceConfigurationSupplier configuration = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool.initialSize(1).minSize(1).maxSize(size)
                        .connectionFactoryConfiguration(factory -> {
                            factory.jdbcUrl(url).jdbcProperty("connectTimeout", "2").jdbcProperty("socketTimeout", "5");
                            if (!url.contains("user=")) {
                                factory.principal(new NamePrincipal("postgres"));
                            }
                            if (asyncCommit) {
                                factory.jdbcProperty("options", "-c synchronous_commit=off");
                            }
                            return factory;
                        }));
        return AgroalDataSource.from(configuration);
    }

    @TearDown
    public void close() {
        NAMES.forEach(Policies::remove);
        dataSource.close();
        asyncCommitDataSource.close();
    }

    @Benchmark
    public Integer localRateLimit() throws Exception {
        return local.call(TRIVIAL);
    }

    @Benchmark
    public Integer sharedRateLimit() throws Exception {
        return shared.call(TRIVIAL);
    }

    @Benchmark
    public Integer sharedRateLimitAsyncCommit() throws Exception {
        return sharedAsyncCommit.call(TRIVIAL);
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

    @Benchmark
    public boolean advisoryLockTransaction() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
                lock.setLong(1, 42);
                boolean locked = lock.execute();
                connection.commit();
                return locked;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }
}
