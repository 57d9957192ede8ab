package dev.skein.limits;

import dev.skein.policy.FailDirection;
import dev.skein.policy.PolicyConfig;
import dev.skein.policy.RateLimitStore;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.smallrye.faulttolerance.api.RateLimitType;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Shared rate limits kept in PostgreSQL by Bucket4j ({@code bucket4j_jdk17-postgresql}): every instance whose
 * {@link DataSource} reaches the same database takes its permits from one count per limit.
 * {@snippet :
 * PostgresRateLimitStore store = PostgresRateLimitStore.of(dataSource);
 * store.createTable();                                   // or ship ddl() in your migrations
 * Policies.define("payment", p -> p.withRateLimit(rl -> rl.withLimit(50).withWindow(Duration.ofSeconds(1))
 *         .shared(store, FailDirection.CLOSED)));
 * }
 * <h2>How it counts</h2>
 * One row per limit, locked for each permit with a PostgreSQL advisory lock ({@code pg_advisory_xact_lock})
 * in a transaction of its own: a permit costs four round trips (lock, read, update, commit) and the commit's
 * flush, 0.5 to 0.6 ms on PostgreSQL over loopback (docs/benchmarks.md). The row's id is derived
 * from the policy's name, limit, window and type, so instances that define the policy alike share it, and a
 * changed limit starts a row of its own. A {@code FIXED} limit gives all its permits back at the end of each
 * window (the first window starts with the row); a {@code SMOOTH} one refills a permit every
 * {@code window / limit}. Time is read from each instance's clock: keep the instances' clocks in sync.
 *
 * <h2>When PostgreSQL cannot be reached</h2>
 * {@link #tryAcquire} throws what Bucket4j and the JDBC driver throw, and the policy fails in its
 * {@link FailDirection}. Give the {@link DataSource} connect and socket timeouts shorter than the callers'
 * deadlines: a JDBC call waiting on a silent network is not cut by Skein's cancellation.
 *
 * @implSpec Thread-safe.
 */
public final class PostgresRateLimitStore implements RateLimitStore {

    /** The table {@link #of(DataSource)} uses. */
    public static final String DEFAULT_TABLE = "skein_rate_limit";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,62}(\\.[a-z_][a-z0-9_]{0,62})?");

    private final DataSource dataSource;
    private final String table;
    private final ProxyManager<Long> buckets;
    private final Map<Long, BucketProxy> proxies = new ConcurrentHashMap<>();

    private PostgresRateLimitStore(DataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
        this.buckets = Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource).table(table).build();
    }

    /** {@return a store keeping its limits in {@value #DEFAULT_TABLE}, through {@code dataSource}} */
    public static PostgresRateLimitStore of(DataSource dataSource) {
        return of(dataSource, DEFAULT_TABLE);
    }

    /**
     * {@return a store keeping its limits in {@code table} (lower case, optionally {@code schema.table})}
     * @throws IllegalArgumentException if {@code table} is not a plain PostgreSQL identifier
     */
    public static PostgresRateLimitStore of(DataSource dataSource, String table) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(table, "table");
        if (!IDENTIFIER.matcher(table).matches()) {
            throw new IllegalArgumentException("table must be a lower-case PostgreSQL identifier of at most 63 "
                    + "characters (letters, digits, '_'), optionally after a schema and '.', was '" + table + "'");
        }
        return new PostgresRateLimitStore(dataSource, table);
    }

    /** {@return the SQL that creates {@code table}, if it does not exist: an id and Bucket4j's state} */
    public static String ddl(String table) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (id BIGINT PRIMARY KEY, state BYTEA)";
    }

    /** Creates the store's table, if it does not exist. */
    public void createTable() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(ddl(table));
        }
    }

    @Override
    public long tryAcquire(String name, PolicyConfig.RateLimit limit) {
        long id = id(name, limit);
        BucketProxy bucket = proxies.computeIfAbsent(id, key -> buckets.builder().build(key, () -> configuration(limit)));
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(probe.getNanosToWaitForRefill() + 999_999));
    }

    static BucketConfiguration configuration(PolicyConfig.RateLimit limit) {
        if (limit.type() == RateLimitType.SMOOTH) {
            return BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(limit.limit()).refillGreedy(limit.limit(), limit.window())).build();
        }
        if (limit.type() == RateLimitType.FIXED) {
            return BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(limit.limit()).refillIntervally(limit.limit(), limit.window())).build();
        }
        // Validated when the policy is defined; a store called otherwise is misused.
        throw new IllegalArgumentException("a shared rate limit is FIXED or SMOOTH, was " + limit.type());
    }

    /** The row's id: the first 8 bytes of the SHA-256 of the name and what is counted. */
    static long id(String name, PolicyConfig.RateLimit limit) {
        String key = name + "\n" + limit.limit() + "\n" + limit.window().toMillis() + "\n" + limit.type();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException impossible) { // every JDK has SHA-256
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public String toString() {
        return "PostgreSQL rate-limit store (table " + table + ")";
    }
}
