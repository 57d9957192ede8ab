package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skein.BranchFailedException;
import dev.skein.context.CancellationReason;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** Fail-fast and supervise; partial results; cancelling one branch; cancellation is not failure. */
class FailurePolicyTest {

    @Test
    void failFastCancelsTheSiblingsAndThrowsTheFirstFailure() throws Exception {
        CountDownLatch sleeping = new CountDownLatch(2);
        Branch<?>[] b = new Branch<?>[3];
        try (var scope = Scope.open(cfg -> cfg.withName("order"))) {
            b[0] = scope.fork("slow-1", () -> {
                sleeping.countDown();
                Thread.sleep(Duration.ofMinutes(5));
            });
            b[1] = scope.fork("slow-2", () -> {
                sleeping.countDown();
                Thread.sleep(Duration.ofMinutes(5));
            });
            sleeping.await();
            b[2] = scope.fork("payment", () -> {
                throw new IllegalStateException("card declined");
            });
            assertThatThrownBy(scope::join)
                    .isInstanceOf(BranchFailedException.class)
                    .hasMessageContaining("'payment' of scope 'order' failed")
                    .hasCauseInstanceOf(IllegalStateException.class)
                    .satisfies(e -> assertThat(((BranchFailedException) e).branchName()).isEqualTo("payment"));
        }
        assertThat(b[2].state()).isEqualTo(Branch.State.FAILED);
        assertThat(b[2].failureNow()).hasMessage("card declined");
        for (Branch<?> sibling : new Branch<?>[] {b[0], b[1]}) {
            assertThat(sibling.state()).isEqualTo(Branch.State.CANCELLED);
            assertThat(sibling.cancellation().orElseThrow().reason()).isEqualTo(CancellationReason.SIBLING_FAILED);
            assertThat(sibling.cancellation().orElseThrow().cause()).hasMessage("card declined");
        }
    }

    @Test
    void laterFailuresAreSuppressedOnTheFirst() throws Exception {
        CyclicBarrier together = new CyclicBarrier(3);
        try (var scope = Scope.open()) {
            for (int i = 0; i < 3; i++) {
                int n = i;
                scope.fork("f" + n, () -> {
                    together.await();
                    // not interruptible: every branch fails on its own, none is merely cancelled
                    throw new IllegalArgumentException("failure " + n);
                });
            }
            // Whether a sibling threw before or after the first failure cancelled it, its exception is
            // kept: a failure in failures(), or (thrown while cancelled) suppressed. Never lost.
            assertThatThrownBy(scope::join).isInstanceOfSatisfying(BranchFailedException.class, e -> {
                assertThat(e.getCause()).isSameAs(e.failures().getFirst().exception());
                assertThat(e.getSuppressed()).hasSize(2);
                java.util.List<String> all = new java.util.ArrayList<>();
                all.add(e.getCause().getMessage());
                for (Throwable s : e.getSuppressed()) {
                    all.add(s.getMessage());
                }
                assertThat(all).containsExactlyInAnyOrder("failure 0", "failure 1", "failure 2");
            });
        }
    }

    @Test
    void supervisorLetsSiblingsFinishAndReportsEveryFailureTogether() throws Exception {
        CountDownLatch bothFailed = new CountDownLatch(2);
        Branch<String> survivor;
        try (var scope = Scope.openSupervisor(cfg -> cfg.withName("batch"))) {
            scope.fork("a", () -> {
                bothFailed.countDown();
                throw new IllegalStateException("a broke");
            });
            scope.fork("b", () -> {
                bothFailed.countDown();
                throw new IllegalStateException("b broke");
            });
            survivor = scope.fork("c", () -> {
                bothFailed.await();
                return "c done";
            });
            assertThatThrownBy(scope::join).isInstanceOfSatisfying(BranchFailedException.class, e -> {
                assertThat(e.failures()).extracting(BranchFailedException.Failure::branchName)
                        .containsExactlyInAnyOrder("a", "b");
                assertThat(e.scopeName()).isEqualTo("batch");
            });
        }
        assertThat(survivor.state()).isEqualTo(Branch.State.SUCCEEDED);
        assertThat(survivor.resultNow()).isEqualTo("c done");
        assertThat(survivor.cancellation()).isEmpty();
    }

    @Test
    void succeededBranchesKeepTheirResultsAfterAFailure() throws Exception {
        Branch<Integer> fast;
        try (var scope = Scope.open()) {
            fast = scope.fork("fast", () -> 42);
            await().until(() -> fast.state().isDone());
            scope.fork("bad", () -> {
                throw new IllegalStateException("x");
            });
            assertThatThrownBy(scope::join).isInstanceOf(BranchFailedException.class);
        }
        assertThat(fast.resultNow()).isEqualTo(42);
    }

    @Test
    void cancellingOneBranchDoesNotFailTheScope() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Branch<Object> doomed;
        Branch<String> other;
        try (var scope = Scope.open()) {
            doomed = scope.fork("doomed", () -> {
                started.countDown();
                Thread.sleep(Duration.ofMinutes(5));
                return "never";
            });
            other = scope.fork("other", () -> {
                started.await();
                return "fine";
            });
            started.await();
            doomed.cancel();
            scope.join(); // does not throw: cancellation is not failure
        }
        assertThat(doomed.state()).isEqualTo(Branch.State.CANCELLED);
        assertThat(doomed.cancellation().orElseThrow().reason()).isEqualTo(CancellationReason.REQUESTED);
        assertThatThrownBy(doomed::resultNow).isInstanceOf(IllegalStateException.class).hasMessageContaining("CANCELLED");
        assertThat(other.resultNow()).isEqualTo("fine");
    }

    @Test
    void ownerCancelEndsTheBranchesAndJoinReturnsNormally() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        try (var scope = Scope.open()) {
            var x = scope.fork(() -> {
                started.countDown();
                Thread.sleep(Duration.ofMinutes(5));
            });
            var y = scope.fork(() -> {
                started.countDown();
                Thread.sleep(Duration.ofMinutes(5));
            });
            started.await();
            scope.cancel();
            scope.join();
            assertThat(x.state()).isEqualTo(Branch.State.CANCELLED);
            assertThat(y.state()).isEqualTo(Branch.State.CANCELLED);
        }
    }

    @Test
    void aBranchMayCancelItsOwnScopeToStopTheSearchOnceItFoundTheAnswer() throws Exception {
        try (var scope = Scope.open()) {
            for (int i = 0; i < 10; i++) {
                int n = i;
                scope.fork("candidate-" + n, () -> {
                    if (n == 7) {
                        scope.cancel();
                        return n;
                    }
                    Thread.sleep(Duration.ofMinutes(5));
                    return n;
                });
            }
            scope.join();
        }
    }

    @Test
    void aBranchForkedIntoACancelledScopeNeverRuns() throws Exception {
        try (var scope = Scope.open()) {
            scope.cancel();
            Branch<String> late = scope.fork("late", () -> {
                throw new AssertionError("must not run");
            });
            scope.join();
            assertThat(late.state()).isEqualTo(Branch.State.CANCELLED);
        }
    }
}
