package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skein.BranchFailedException;
import dev.skein.context.CancellationReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A scope never ends while a branch it forked still runs, however it is left. */
class CompletionTest {

    @Test
    void joinReturnsOnlyAfterEveryBranchEnded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
        AtomicInteger ended = new AtomicInteger();
        Thread releaser;
        try (var scope = Scope.open()) {
            for (int i = 0; i < 8; i++) {
                scope.fork(() -> {
                    threads.add(Thread.currentThread());
                    release.await();
                    ended.incrementAndGet();
                });
            }
            releaser = Thread.ofVirtual().start(() -> {
                await().until(() -> threads.size() == 8);
                release.countDown();
            });
            scope.join();
            assertThat(ended).hasValue(8);
        }
        releaser.join();
        assertThat(threads).hasSize(8).allMatch(Thread::isVirtual);
        await().until(() -> threads.stream().noneMatch(Thread::isAlive));
    }

    @Test
    void everyBranchRunsOnItsOwnVirtualThread() throws Exception {
        ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
        Scope.run(scope -> {
            for (int i = 0; i < 50; i++) {
                scope.fork(() -> threads.add(Thread.currentThread()));
            }
            return null;
        });
        assertThat(threads).hasSize(50).doesNotHaveDuplicates().allMatch(Thread::isVirtual);
    }

    @Test
    void tenThousandBranchesAllEndAndAllResultsAreKept() throws Exception {
        List<Branch<Integer>> branches = new java.util.ArrayList<>();
        try (var scope = Scope.open()) {
            for (int i = 0; i < 10_000; i++) {
                int n = i;
                branches.add(scope.fork(() -> n * 2));
            }
            scope.join();
        }
        long sum = branches.stream().mapToLong(Branch::resultNow).sum();
        assertThat(sum).isEqualTo(2L * (9_999L * 10_000L / 2));
        assertThat(branches).allMatch(b -> b.state() == Branch.State.SUCCEEDED);
    }

    @Test
    void closeWithoutJoinCancelsWaitsAndReportsTheMissingJoin() {
        AtomicReference<Thread> worker = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Branch<?>[] handle = new Branch<?>[1];
        assertThatThrownBy(() -> {
            try (var scope = Scope.open(cfg -> cfg.withName("forgetful"))) {
                handle[0] = scope.fork("sleeper", () -> {
                    worker.set(Thread.currentThread());
                    started.countDown();
                    Thread.sleep(Duration.ofMinutes(5));
                });
                started.await();
            }
        }).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'forgetful' was closed without join()");
        await().until(() -> !worker.get().isAlive());
        assertThat(handle[0].state()).isEqualTo(Branch.State.CANCELLED);
        assertThat(handle[0].cancellation()).get().extracting(c -> c.reason()).isEqualTo(CancellationReason.SCOPE_CLOSED);
    }

    @Test
    void failuresOfAnUnjoinedScopeArriveWithTheMissingJoin() {
        CountDownLatch failed = new CountDownLatch(1);
        assertThatThrownBy(() -> {
            try (var scope = Scope.open()) {
                scope.fork("boom", () -> {
                    try {
                        throw new IllegalArgumentException("lost?");
                    } finally {
                        failed.countDown();
                    }
                });
                failed.await();
            }
        }).isInstanceOf(IllegalStateException.class)
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessage("lost?")));
    }

    @Test
    void leavingByExceptionStillWaitsForEveryBranch() {
        AtomicReference<Thread> worker = new AtomicReference<>();
        AtomicInteger finished = new AtomicInteger();
        AtomicReference<Branch<Object>> branch = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        assertThatThrownBy(() -> Scope.run(scope -> {
            branch.set(scope.fork(() -> {
                worker.set(Thread.currentThread());
                started.countDown();
                try {
                    Thread.sleep(Duration.ofMinutes(5));
                } finally {
                    Thread.sleep(20); // cleanup that takes a while; the scope must wait for it
                    finished.incrementAndGet();
                }
                return null;
            }));
            started.await();
            throw new IllegalStateException("owner gives up");
        })).hasMessage("owner gives up");
        assertThat(branch.get().cancellation().orElseThrow().reason()).isEqualTo(CancellationReason.SCOPE_CLOSED);
        // The branch's code has ended when run() returns; its virtual thread terminates right after.
        assertThat(finished).hasValue(1);
        await().until(() -> !worker.get().isAlive());
    }

    @Test
    void ownerInterruptedDuringJoinCancelsWaitsAndThrowsInterrupted() throws Exception {
        CountDownLatch started = new CountDownLatch(3);
        ConcurrentLinkedQueue<Branch<?>> branches = new ConcurrentLinkedQueue<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> allEndedWhenJoinReturned = new AtomicReference<>();
        Thread owner = Thread.ofVirtual().start(() -> {
            try (var scope = Scope.open()) {
                for (int i = 0; i < 3; i++) {
                    branches.add(scope.fork(() -> {
                        started.countDown();
                        Thread.sleep(Duration.ofMinutes(5));
                        return null;
                    }));
                }
                try {
                    scope.join();
                } catch (Throwable t) {
                    thrown.set(t);
                    allEndedWhenJoinReturned.set(branches.stream().allMatch(b -> b.state().isDone()));
                }
            }
        });
        started.await();
        await().until(() -> owner.getState() == Thread.State.WAITING);
        owner.interrupt();
        owner.join();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(allEndedWhenJoinReturned.get()).isTrue();
        assertThat(branches).allSatisfy(b -> {
            assertThat(b.state()).isEqualTo(Branch.State.CANCELLED);
            assertThat(b.cancellation().orElseThrow().reason()).isEqualTo(CancellationReason.OWNER_INTERRUPTED);
        });
    }

    @Test
    void runReturnsTheBodysValueAfterJoiningWhatTheBodyForked() throws Exception {
        AtomicInteger ended = new AtomicInteger();
        String value = Scope.run(scope -> {
            for (int i = 0; i < 20; i++) {
                scope.fork(() -> {
                    Thread.yield();
                    ended.incrementAndGet();
                });
            }
            return "done";
        });
        assertThat(value).isEqualTo("done");
        assertThat(ended).hasValue(20);
    }

    @Test
    void runWrapsACheckedExceptionOfTheBodyWithTheScopeName() {
        assertThatThrownBy(() -> Scope.run(cfg -> cfg.withName("importer"), scope -> {
            throw new java.io.IOException("disk full");
        })).isInstanceOf(BranchFailedException.class)
                .hasMessageContaining("importer")
                .hasCauseInstanceOf(java.io.IOException.class);
    }

    @Test
    void aBodyRethrowingABranchsOwnFailureThrowsItUnchanged() {
        RuntimeException original = new IllegalStateException("from the branch");
        CountDownLatch failed = new CountDownLatch(1);
        assertThatThrownBy(() -> Scope.run(scope -> {
            Branch<Object> b = scope.fork(() -> {
                failed.countDown();
                throw original;
            });
            failed.await();
            await().until(() -> b.state().isDone());
            throw (RuntimeException) b.failureNow();
        })).isSameAs(original);
    }
}
