package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skein.DeadlineExceededException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A scope may cap how many branches run at once, like errgroup.SetLimit. */
class ConcurrencyLimitTest {

    @Test
    void neverMoreThanTheCapRunAtOnce() throws Exception {
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        Scope.run(cfg -> cfg.withMaxConcurrency(3), scope -> {
            for (int i = 0; i < 200; i++) {
                scope.fork(() -> {
                    int running = now.incrementAndGet();
                    peak.accumulateAndGet(running, Math::max);
                    Thread.yield();
                    now.decrementAndGet();
                });
            }
            return null;
        });
        assertThat(peak.get()).isBetween(1, 3);
    }

    @Test
    void forkPastTheCapWaitsForAFreeSlot() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (var scope = Scope.open(cfg -> cfg.withMaxConcurrency(1))) {
            scope.fork("holder", () -> release.await());
            Thread owner = Thread.currentThread();
            Thread releaser = Thread.ofVirtual().start(() -> {
                await().until(() -> owner.getState() == Thread.State.WAITING || owner.getState() == Thread.State.TIMED_WAITING);
                release.countDown();
            });
            Branch<String> second = scope.fork("second", () -> "ran");
            scope.join();
            releaser.join();
            assertThat(second.resultNow()).isEqualTo("ran");
        }
    }

    @Test
    void tryForkReturnsAtOnceWhenTheCapIsReached() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (var scope = Scope.open(cfg -> cfg.withMaxConcurrency(1))) {
            assertThat(scope.tryFork("first", () -> {
                release.await();
                return 1;
            })).isPresent();
            assertThat(scope.tryFork("second", () -> 2)).isEmpty();
            release.countDown();
            scope.join();
        }
    }

    @Test
    void aForkWaitingForASlotHonoursTheDeadline() throws Exception {
        try (var scope = Scope.open(cfg -> cfg.withMaxConcurrency(1).withTimeout(Duration.ofMillis(100)))) {
            scope.fork("holder", () -> Thread.sleep(Duration.ofMinutes(5)));
            Branch<String> waiting = scope.fork("waiting", () -> "never");
            assertThat(waiting.state()).isEqualTo(Branch.State.CANCELLED);
            assertThatThrownBy(scope::join).isInstanceOf(DeadlineExceededException.class);
        }
    }

    @Test
    void aCapBelowOneIsRejectedWithTheParameterName() {
        assertThatThrownBy(() -> Scope.open(cfg -> cfg.withMaxConcurrency(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxConcurrency");
    }

    @Test
    void aBranchThatWouldDeadlockForkingIntoItsFullScopeFailsInsteadOfHanging() throws Exception {
        try (var scope = Scope.open(cfg -> cfg.withMaxConcurrency(1))) {
            Branch<Void> parent = scope.fork("parent", () -> {
                scope.fork("child", () -> "never");
            });
            assertThatThrownBy(scope::join).isInstanceOf(dev.skein.BranchFailedException.class)
                    .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining("would deadlock");
            assertThat(parent.state()).isEqualTo(Branch.State.FAILED);
        }
    }

    @Test
    void aBranchMayWaitForASlotThatAnotherBranchWillFree() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger children = new AtomicInteger();
        try (var scope = Scope.open(cfg -> cfg.withMaxConcurrency(2))) {
            scope.fork("holder", () -> release.await());
            scope.fork("spawner", () -> {
                release.countDown();
                for (int i = 0; i < 5; i++) {
                    scope.fork("child-" + i, children::incrementAndGet);
                }
            });
            scope.join();
        }
        assertThat(children).hasValue(5);
    }
}
