package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.DeadlineExceededException;
import dev.skein.context.CancellationReason;
import dev.skein.context.SkeinContext;
import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.diagnostics.SkeinListener;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** Deadlines cancel what still runs, wherever it blocks, and are never silent. */
class DeadlineTest {

    @Test
    void deadlineCancelsBranchesBlockedInSleepWaitLockAndABusyLoopThatPolls() throws Exception {
        Object monitor = new Object();
        ReentrantLock lock = new ReentrantLock();
        lock.lock(); // held by the test thread for the whole test: the branch can never get it
        CountDownLatch allStarted = new CountDownLatch(4);
        try (var scope = Scope.open(cfg -> cfg.withName("slow-things").withTimeout(Duration.ofMillis(200)))) {
            Branch<Void> done = scope.fork("quick", () -> {
            });
            scope.fork("sleep", () -> {
                allStarted.countDown();
                Thread.sleep(Duration.ofMinutes(5));
            });
            scope.fork("object-wait", () -> {
                synchronized (monitor) {
                    allStarted.countDown();
                    monitor.wait();
                }
            });
            scope.fork("lock", () -> {
                allStarted.countDown();
                lock.lockInterruptibly();
            });
            scope.fork("busy-loop", () -> {
                allStarted.countDown();
                long spins = 0;
                while (true) {
                    SkeinContext.current().throwIfCancelled();
                    spins++;
                    if (spins < 0) {
                        return;
                    }
                }
            });
            allStarted.await();
            assertThatThrownBy(scope::join).isInstanceOfSatisfying(DeadlineExceededException.class, e -> {
                assertThat(e.scopeName()).isEqualTo("slow-things");
                assertThat(e.stillRunning()).containsExactlyInAnyOrder("sleep", "object-wait", "lock", "busy-loop");
                assertThat(e.cancellation().reason()).isEqualTo(CancellationReason.DEADLINE_EXCEEDED);
            });
            assertThat(done.state()).isEqualTo(Branch.State.SUCCEEDED);
        } finally {
            lock.unlock();
        }
    }

    @Test
    void aDeadlineAlreadyPastCancelsAtOnce() throws Exception {
        try (var scope = Scope.open(cfg -> cfg.withDeadline(Instant.now().minusSeconds(1)))) {
            Branch<Void> b = scope.fork("sleeper", () -> Thread.sleep(Duration.ofMinutes(5)));
            assertThatThrownBy(scope::join).isInstanceOf(DeadlineExceededException.class);
            assertThat(b.state()).isEqualTo(Branch.State.CANCELLED);
        }
    }

    @Test
    void theNearestDeadlineWinsInNestedScopes() throws Exception {
        Duration[] seenInside = new Duration[1];
        try (var outer = Scope.open(cfg -> cfg.withTimeout(Duration.ofMillis(300)))) {
            Branch<Void> branch = outer.fork("inner-owner", () -> {
                // asks for an hour, gets what is left of the outer 300 ms
                try (var inner = Scope.open(cfg -> cfg.withName("inner").withTimeout(Duration.ofHours(1)))) {
                    inner.fork("read", () -> {
                        seenInside[0] = SkeinContext.current().remaining().orElseThrow();
                        Thread.sleep(Duration.ofMinutes(5));
                    });
                    inner.join();
                }
            });
            assertThatThrownBy(outer::join).isInstanceOf(DeadlineExceededException.class);
            assertThat(branch.state()).isEqualTo(Branch.State.CANCELLED);
        }
        assertThat(seenInside[0]).isLessThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aNearerInnerDeadlineFailsOnlyTheBranchThatOpenedIt() throws Exception {
        try (var outer = Scope.openSupervisor(cfg -> cfg.withTimeout(Duration.ofMinutes(5)))) {
            Branch<Void> impatient = outer.fork("impatient", () -> {
                try (var inner = Scope.open(cfg -> cfg.withName("inner").withTimeout(Duration.ofMillis(50)))) {
                    inner.fork("slow", () -> Thread.sleep(Duration.ofMinutes(5)));
                    inner.join();
                }
            });
            Branch<String> calm = outer.fork("calm", () -> "ok");
            assertThatThrownBy(outer::join).isInstanceOf(dev.skein.BranchFailedException.class)
                    .cause().isInstanceOfSatisfying(DeadlineExceededException.class,
                            e -> assertThat(e.stillRunning()).containsExactly("slow"));
            assertThat(impatient.state()).isEqualTo(Branch.State.FAILED);
            assertThat(calm.resultNow()).isEqualTo("ok");
        }
    }

    @Test
    void theContextShowsTheDeadline() throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        Scope.run(cfg -> cfg.withDeadline(deadline), scope -> {
            scope.fork(() -> {
                Instant seen = SkeinContext.current().deadline().orElseThrow();
                assertThat(Duration.between(seen, deadline).abs()).isLessThan(Duration.ofMillis(100));
            });
            return null;
        });
    }

    @Test
    void aBranchThatCannotBeInterruptedIsReportedAsStuckAndWaitedFor() throws Exception {
        Object monitor = new Object();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch releaseMonitor = new CountDownLatch(1);
        AtomicReference<StackTraceElement[]> reported = new AtomicReference<>();
        // Another thread holds the monitor; the branch blocks entering it, which no interrupt ends.
        Thread holder = Thread.ofVirtual().start(() -> {
            synchronized (monitor) {
                holding.countDown();
                try {
                    releaseMonitor.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        holding.await();
        SkeinListener listener = new SkeinListener() {
            @Override
            public void onStuckBranch(ScopeSnapshot scope, BranchSnapshot branch, StackTraceElement[] stack) {
                reported.compareAndSet(null, stack);
                releaseMonitor.countDown(); // only now may the branch get in
            }
        };
        Branch<String> stuck;
        try (var registration = Diagnostics.addListener(listener);
                var scope = Scope.open(cfg -> cfg.withTimeout(Duration.ofMillis(50))
                        .withCancellationGrace(Duration.ofMillis(50)))) {
            stuck = scope.fork("enters-monitor", () -> {
                synchronized (monitor) {
                    return "got in";
                }
            });
            assertThatThrownBy(scope::join).isInstanceOfSatisfying(DeadlineExceededException.class,
                    e -> assertThat(e.stillRunning()).containsExactly("enters-monitor"));
        }
        holder.join();
        assertThat(reported.get()).anySatisfy(frame -> assertThat(frame.getClassName()).isEqualTo(DeadlineTest.class.getName()));
        assertThat(stuck.state()).isEqualTo(Branch.State.SUCCEEDED); // it got in, late: its value is real
    }

    @Test
    void aZeroOrPastDeadlineIsReportedByEveryJoinWithOrWithoutBranches() throws Exception {
        for (int run = 0; run < 2_000; run++) {
            try (var empty = Scope.open(cfg -> cfg.withName("empty").withTimeout(Duration.ZERO))) {
                assertThatThrownBy(empty::join).isInstanceOf(DeadlineExceededException.class);
            }
            try (var instant = Scope.open(cfg -> cfg.withName("instant").withTimeout(Duration.ZERO))) {
                instant.fork("instant", () -> 1);
                assertThatThrownBy(instant::join).isInstanceOf(DeadlineExceededException.class);
            }
            try (var past = Scope.open(cfg -> cfg.withName("past").withDeadline(Instant.now().minusSeconds(1)))) {
                past.fork("instant", () -> 1);
                assertThatThrownBy(past::join).isInstanceOf(DeadlineExceededException.class);
            }
        }
    }

    @Test
    void aBranchWithNoTimeLeftIsCancelledWhateverTheTimerHasDone() throws Exception {
        for (int run = 0; run < 2_000; run++) {
            try (var scope = Scope.open(cfg -> cfg.withTimeout(Duration.ZERO))) {
                Branch<Boolean> consistent = scope.fork("looks", () -> {
                    SkeinContext here = SkeinContext.current();
                    Duration left = here.remaining().orElseThrow();
                    return !left.isZero() || here.isCancelled() && here.cancellation().isPresent();
                });
                assertThatThrownBy(scope::join).isInstanceOf(DeadlineExceededException.class);
                if (consistent.state() == Branch.State.SUCCEEDED) {
                    assertThat(consistent.resultNow()).as("run %d: no time left, yet not cancelled", run).isTrue();
                }
            }
        }
    }

    @Test
    void aNestedScopeCutByAnEnclosingDeadlineAlwaysNamesTheEnclosingScope() throws Exception {
        for (int run = 0; run < 40; run++) {
            AtomicReference<Throwable> innerOutcome = new AtomicReference<>();
            try (var outer = Scope.open(cfg -> cfg.withName("outer").withTimeout(Duration.ofMillis(30)))) {
                outer.fork("nests", () -> {
                    try (var inner = Scope.open(cfg -> cfg.withName("inner").withTimeout(Duration.ofSeconds(5)))) {
                        inner.fork("sleeps", () -> Thread.sleep(Duration.ofMinutes(5)));
                        inner.join();
                    } catch (Throwable t) {
                        innerOutcome.set(t);
                        throw t;
                    }
                });
                assertThatThrownBy(outer::join).isInstanceOf(DeadlineExceededException.class);
            }
            int r = run;
            assertThat(innerOutcome.get()).isInstanceOfSatisfying(DeadlineExceededException.class, e -> {
                assertThat(e.scopeName()).as("run %d", r).isEqualTo("outer");
                assertThat(e.cancellation().origin()).as("run %d", r).isEqualTo("outer");
                assertThat(e.stillRunning()).containsExactly("sleeps");
                assertThat(e).hasMessageStartingWith("deadline of scope 'outer' exceeded (an enclosing scope of 'inner')");
            });
        }
    }
}
