package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.BranchFailedException;
import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.diagnostics.SkeinListener;
import java.io.Serial;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The policy for Errors and swallowed interrupts, written down in BranchCore. */
class ErrorPolicyTest {

    /** What user code might throw to kill a thread, now that Thread.stop is gone. */
    static final class KillThread extends Error {
        @Serial
        private static final long serialVersionUID = 1L;
    }

    @Test
    void anErrorInABranchReachesTheOwnerAsTheCauseAndNeverHangsJoin() throws Exception {
        try (var scope = Scope.open()) {
            scope.fork("asserts", () -> {
                throw new AssertionError("invariant broken");
            });
            assertThatThrownBy(scope::join).isInstanceOf(BranchFailedException.class)
                    .cause().isInstanceOf(AssertionError.class).hasMessage("invariant broken");
        }
    }

    @Test
    void aRealStackOverflowIsCapturedAsAFailure() throws Exception {
        try (var scope = Scope.open()) {
            var deep = scope.fork("recursion", () -> recurse(0));
            assertThatThrownBy(scope::join).cause().isInstanceOf(StackOverflowError.class);
            assertThat(deep.state()).isEqualTo(Branch.State.FAILED);
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    @Test
    void aRealOutOfMemoryErrorIsCapturedAsAFailure() throws Exception {
        try (var scope = Scope.open()) {
            scope.fork("huge", () -> new long[Integer.MAX_VALUE].length);
            assertThatThrownBy(scope::join).cause().isInstanceOf(OutOfMemoryError.class);
        }
    }

    @Test
    void aThreadKillingErrorIsCapturedToo() throws Exception {
        try (var scope = Scope.open()) {
            scope.fork("killer", () -> {
                throw new KillThread();
            });
            assertThatThrownBy(scope::join).cause().isInstanceOf(KillThread.class);
        }
    }

    @Test
    void anErrorCancelsEvenASupervisor() throws Exception {
        CountDownLatch sleeping = new CountDownLatch(1);
        Branch<?> sibling;
        try (var scope = Scope.openSupervisor()) {
            sibling = scope.fork("sibling", () -> {
                sleeping.countDown();
                Thread.sleep(Duration.ofMinutes(5));
            });
            sleeping.await();
            scope.fork("bug", () -> {
                throw new AssertionError("bug");
            });
            assertThatThrownBy(scope::join).isInstanceOf(BranchFailedException.class).cause().hasMessage("bug");
        }
        assertThat(sibling.state()).isEqualTo(Branch.State.CANCELLED);
    }

    @Test
    void anErrorThrownWhileCancelledIsStillAFailureNotACancellation() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Branch<?> branch;
        try (var scope = Scope.open()) {
            branch = scope.fork("fragile", () -> {
                started.countDown();
                try {
                    Thread.sleep(Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    throw new AssertionError("broke while stopping", e);
                }
            });
            started.await();
            scope.cancel();
            assertThatThrownBy(scope::join).isInstanceOf(BranchFailedException.class);
        }
        assertThat(branch.state()).isEqualTo(Branch.State.FAILED);
    }

    @Test
    void aBranchThatSwallowsTheInterruptButPollsTheContextStillStops() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Branch<String> branch;
        try (var scope = Scope.open()) {
            branch = scope.fork("swallower", () -> {
                started.countDown();
                try {
                    Thread.sleep(Duration.ofMinutes(5));
                } catch (InterruptedException swallowed) {
                    // bad practice, common in the wild
                }
                while (true) {
                    dev.skein.context.SkeinContext.current().throwIfCancelled();
                    Thread.onSpinWait();
                }
            });
            started.await();
            scope.cancel();
            scope.join();
        }
        assertThat(branch.state()).isEqualTo(Branch.State.CANCELLED);
    }

    @Test
    void aBranchThatSwallowsTheInterruptAndBlocksAgainIsReportedWithItsStackAndInterruptedAgain() throws Exception {
        AtomicReference<String> reportedBranch = new AtomicReference<>();
        AtomicReference<StackTraceElement[]> reportedStack = new AtomicReference<>();
        AtomicInteger interruptsSeen = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        SkeinListener listener = new SkeinListener() {
            @Override
            public void onStuckBranch(ScopeSnapshot scope, BranchSnapshot branch, StackTraceElement[] stack) {
                reportedBranch.compareAndSet(null, scope.name() + "/" + branch.name());
                reportedStack.compareAndSet(null, stack);
            }
        };
        try (var registration = Diagnostics.addListener(listener);
                var scope = Scope.open(cfg -> cfg.withName("stubborn").withCancellationGrace(Duration.ofMillis(50)))) {
            scope.fork("sleeps-twice", () -> {
                started.countDown();
                while (interruptsSeen.get() < 2) {
                    try {
                        Thread.sleep(Duration.ofMinutes(5));
                    } catch (InterruptedException swallowed) {
                        interruptsSeen.incrementAndGet();
                    }
                }
            });
            started.await();
            scope.cancel();
            scope.join();
        }
        assertThat(interruptsSeen).hasValue(2);
        assertThat(reportedBranch.get()).isEqualTo("stubborn/sleeps-twice");
        assertThat(reportedStack.get()).anySatisfy(frame -> assertThat(frame.getMethodName()).contains("sleep"));
    }

    /** An exception whose getCause() itself throws: even classifying it must not stop the branch from ending. */
    static final class Hostile extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public synchronized Throwable getCause() {
            throw new IllegalStateException("getCause() is broken");
        }
    }

    @Test
    void aCancelledBranchThrowingSomethingThatBreaksClassificationStillEndsAndIsReported() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Branch<?> branch;
        try (var scope = Scope.open()) {
            branch = scope.fork("hostile", () -> {
                started.countDown();
                try {
                    Thread.sleep(Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    throw new Hostile();
                }
            });
            started.await();
            scope.cancel();
            assertThatThrownBy(scope::join).isInstanceOf(BranchFailedException.class);
        }
        assertThat(branch.state()).isEqualTo(Branch.State.FAILED);
        assertThat(branch.failureNow()).isInstanceOf(Hostile.class);
    }
}
