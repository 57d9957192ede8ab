package dev.skein.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.policy.FailDirection;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import dev.skein.policy.PolicyListener;
import dev.skein.policy.SharedLimitState;
import io.smallrye.faulttolerance.api.RateLimitException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL going away (a TCP proxy in front of it closes: connections cut, new ones refused) and coming back:
 * the shared limit fails in its configured direction, says so, and counts again once the store is back.
 */
@Tag("postgres")
class StoreUnreachableTest {

    private final String name = "unreachable-" + UUID.randomUUID();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private TcpProxy proxy;

    @BeforeEach
    void start() throws Exception {
        PostgresRateLimitStore.of(Postgres.dataSource(Postgres.PORT)).createTable();
        proxy = new TcpProxy(Postgres.PORT);
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        Policies.remove(name);
    }

    @Test
    void failingOpenAdmitsEveryCallWhileThePostgresIsGoneAndCountsAgainWhenItIsBack() throws Exception {
        Policy policy = define(FailDirection.OPEN);
        try (var listening = Policies.addListener(recorder(policy))) {
            policy.call(() -> "first");
            policy.call(() -> "second");
            assertThatThrownBy(() -> policy.call(() -> "third")).isInstanceOf(RateLimitException.class); // counted

            proxy.close();
            AtomicInteger admitted = new AtomicInteger();
            for (int i = 0; i < 3; i++) {
                policy.call(admitted::incrementAndGet);
            }
            assertThat(admitted).hasValue(3);
            SharedLimitState state = policy.sharedLimit().orElseThrow();
            assertThat(state.direction()).isEqualTo(FailDirection.OPEN);
            assertThat(state.reachable()).isFalse();
            assertThat(state.unreachableCalls()).isEqualTo(3);
            assertThat(state.lastFailure()).isPresent();
            assertThat(failures).hasSize(3).allSatisfy(f -> assertThat(Postgres.causedBySql(f)).as(f.toString()).isTrue());

            proxy.open();
            assertThatThrownBy(() -> policy.call(() -> "over the limit, counted again"))
                    .isInstanceOf(RateLimitException.class).hasMessageContaining("shared rate limit of 2 per PT1H reached");
            assertThat(policy.sharedLimit().orElseThrow().reachable()).isTrue();
        }
    }

    @Test
    void failingClosedRejectsEveryCallWhilePostgresIsGoneNamingTheFailureAndAdmitsAgainWhenItIsBack() throws Exception {
        Policy policy = define(FailDirection.CLOSED);
        try (var listening = Policies.addListener(recorder(policy))) {
            policy.call(() -> "first");

            proxy.close();
            AtomicInteger ran = new AtomicInteger();
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> policy.call(ran::incrementAndGet))
                        .isInstanceOf(RateLimitException.class)
                        .hasMessageContaining("the shared rate limit's store cannot be reached, so the call is rejected "
                                + "(it fails closed)")
                        .satisfies(e -> assertThat(Postgres.causedBySql(e)).as(e.toString()).isTrue());
            }
            assertThat(ran).hasValue(0);
            assertThat(policy.state().rateLimitRejections()).isEqualTo(3);
            SharedLimitState state = policy.sharedLimit().orElseThrow();
            assertThat(state.reachable()).isFalse();
            assertThat(state.unreachableCalls()).isEqualTo(3);
            assertThat(failures).hasSize(3);

            proxy.open();
            assertThat(policy.call(ran::incrementAndGet)).isEqualTo(1); // the second permit of two
            assertThat(policy.sharedLimit().orElseThrow().reachable()).isTrue();
        }
    }

    private Policy define(FailDirection direction) {
        PostgresRateLimitStore store = PostgresRateLimitStore.of(Postgres.dataSource(proxy.port()));
        return Policies.define(name, p -> p.withRateLimit(rl -> rl.withLimit(2).withWindow(Duration.ofHours(1))
                .shared(store, direction)));
    }

    private PolicyListener recorder(Policy policy) {
        return new PolicyListener() {
            @Override
            public void onStoreUnreachable(Policy p, FailDirection direction, Throwable failure) {
                if (p == policy) {
                    failures.add(failure);
                }
            }
        };
    }
}
