package dev.skein.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.BranchFailedException;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import io.smallrye.faulttolerance.api.RateLimitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** SmallRye's rate limit under Skein: exact admission, rejection at once, or waiting within the deadline. */
class RateLimitTest {

    @Test
    void admitsExactlyItsPermitsPerWindowUnder200ConcurrentBranches() throws Exception {
        Policy limited = Policy.of(p -> p.withRateLimit(rl -> rl.withLimit(50).withWindow(Duration.ofMinutes(1))));
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Branch<Integer>> calls = new ArrayList<>();
        try (Scope scope = Scope.openSupervisor()) {
            for (int i = 0; i < 200; i++) {
                calls.add(scope.fork("call-" + i, () -> {
                    start.await();
                    return limited.call(admitted::incrementAndGet);
                }));
            }
            start.countDown();
            try {
                scope.join();
            } catch (BranchFailedException expected) {
                assertThat(expected.failures()).hasSize(150)
                        .allSatisfy(f -> assertThat(f.exception()).isInstanceOf(RateLimitException.class));
            }
        }
        assertThat(admitted).hasValue(50);
        assertThat(calls.stream().filter(b -> b.state() == Branch.State.SUCCEEDED)).hasSize(50);
        assertThat(limited.state().rateLimitRejections()).isEqualTo(150);
    }

    @Test
    void aCallOverTheLimitWaitsForAPermitWhenAsked() throws Exception {
        Policy waiting = Policy.of(p -> p.withRateLimit(rl -> rl.withLimit(2).withWindow(Duration.ofMillis(100))
                .waitingForPermit()));
        AtomicInteger waits = new AtomicInteger();
        try (var listening = Policies.addListener(new PolicyListener() {
            @Override
            public void onWaitForPermit(Policy policy, long millis) {
                if (policy == waiting) {
                    waits.incrementAndGet();
                }
            }
        })) {
            Integer done = Scope.run(cfg -> cfg.withTimeout(Duration.ofSeconds(30)), scope -> {
                List<Branch<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    int n = i;
                    calls.add(scope.fork(waiting.wrap(() -> n)));
                }
                scope.join();
                return calls.stream().mapToInt(Branch::resultNow).sum();
            });
            assertThat(done).isEqualTo(15);
            assertThat(waits.get()).isPositive();
        }
    }

    @Test
    void waitingStopsAtTheDeadlineWithTheRejectionNotACancellation() throws Exception {
        Policy waiting = Policy.of(p -> p.withRateLimit(rl -> rl.withLimit(1).withWindow(Duration.ofMinutes(1))
                .waitingForPermit()));
        waiting.call(() -> "the one permit");
        try (Scope scope = Scope.open(cfg -> cfg.withTimeout(Duration.ofSeconds(20)))) {
            Branch<String> second = scope.fork(waiting.wrap(() -> "over the limit"));
            try {
                scope.join();
            } catch (BranchFailedException e) {
                assertThat(e.getCause()).isInstanceOf(RateLimitException.class); // did not wait a minute in vain
            }
            assertThat(second.state()).isEqualTo(Branch.State.FAILED);
        }
    }

    @Test
    void aRejectionThrownByTheBodyIsNotCountedAsThePolicys() {
        Policy limited = Policy.of(p -> p.withRateLimit(rl -> rl.withLimit(10)));
        try {
            limited.call(() -> {
                throw new RateLimitException(1000, "the remote service's own limit");
            });
        } catch (Exception expected) {
            assertThat(expected).isInstanceOf(RateLimitException.class);
        }
        assertThat(limited.state().rateLimitRejections()).isZero();
    }
}
