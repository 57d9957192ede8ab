package dev.skein.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.policy.PolicyConfig;
import io.smallrye.faulttolerance.api.RateLimitType;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** What needs no database: the table's name, its DDL, the row ids and the bucket's configuration. */
class PostgresRateLimitStoreTest {

    private static final PolicyConfig.RateLimit FIFTY_PER_SECOND = new PolicyConfig.RateLimit(50, Duration.ofSeconds(1),
            Duration.ZERO, RateLimitType.FIXED, false);

    @Test
    void theShippedDdlIsTheOneTheStoreRuns() throws Exception {
        String shipped;
        try (InputStream in = PostgresRateLimitStore.class.getResourceAsStream("skein_rate_limit.sql")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String statement = shipped.lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + " " + b.strip())
                .replace("( ", "(").replace(" )", ")").replace(";", "").strip().replaceAll(" +", " ");
        assertThat(statement).isEqualTo(PostgresRateLimitStore.ddl(PostgresRateLimitStore.DEFAULT_TABLE));
    }

    @Test
    void aTableNameMustBeAPlainIdentifier() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        assertThat(PostgresRateLimitStore.of(dataSource, "limits.skein_rate_limit")).hasToString(
                "PostgreSQL rate-limit store (table limits.skein_rate_limit)");
        assertThatThrownBy(() -> PostgresRateLimitStore.of(dataSource, "limits; DROP TABLE orders"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table must be a lower-case PostgreSQL identifier of at most 63 characters (letters, digits, "
                        + "'_'), optionally after a schema and '.', was 'limits; DROP TABLE orders'");
    }

    @Test
    void instancesDefiningALimitAlikeShareARowAndAChangedLimitHasItsOwn() {
        long id = PostgresRateLimitStore.id("payment", FIFTY_PER_SECOND);
        assertThat(PostgresRateLimitStore.id("payment", FIFTY_PER_SECOND.waitingForPermit())).isEqualTo(id);
        assertThat(PostgresRateLimitStore.id("payment", FIFTY_PER_SECOND.withLimit(51))).isNotEqualTo(id);
        assertThat(PostgresRateLimitStore.id("payment", FIFTY_PER_SECOND.withWindow(Duration.ofSeconds(2)))).isNotEqualTo(id);
        assertThat(PostgresRateLimitStore.id("payment", FIFTY_PER_SECOND.withType(RateLimitType.SMOOTH))).isNotEqualTo(id);
        assertThat(PostgresRateLimitStore.id("refund", FIFTY_PER_SECOND)).isNotEqualTo(id);
    }

    @Test
    void aFixedLimitRefillsWholeAtEachWindowAndASmoothOneSteadily() {
        assertThat(PostgresRateLimitStore.configuration(FIFTY_PER_SECOND).getBandwidths()).singleElement()
                .satisfies(b -> {
                    assertThat(b.getCapacity()).isEqualTo(50);
                    assertThat(b.getRefillTokens()).isEqualTo(50);
                    assertThat(b.getRefillPeriodNanos()).isEqualTo(Duration.ofSeconds(1).toNanos());
                    assertThat(b.isRefillIntervally()).isTrue();
                });
        assertThat(PostgresRateLimitStore.configuration(FIFTY_PER_SECOND.withType(RateLimitType.SMOOTH)).getBandwidths())
                .singleElement().satisfies(b -> assertThat(b.isRefillIntervally()).isFalse());
    }
}
