package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.CancelledException;
import dev.skein.DeadlineExceededException;
import dev.skein.context.CancellationReason;
import dev.skein.context.SkeinContext;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Cancellation reaches a leaf at any depth of nesting, from any thread, whatever its stack size: the walk
 * down the tree is a loop, not a recursion.
 */
class DeepNestingTest {

    private static final int LEVELS = 20_000;

    /** A chain of levels: each branch opens a scope and forks the next level; the leaf sleeps. */
    private static void level(int depth, CountDownLatch leafSleeping, AtomicReference<Branch<?>> leaf)
            throws InterruptedException {
        level(depth, LEVELS, leafSleeping, leaf);
    }

    private static void level(int depth, int levels, CountDownLatch leafSleeping, AtomicReference<Branch<?>> leaf)
            throws InterruptedException {
        try (var scope = Scope.open(cfg -> cfg.withName("level " + depth))) {
            if (depth == levels) {
                leaf.set(scope.fork("leaf", () -> {
                    leafSleeping.countDown();
                    Thread.sleep(Duration.ofMinutes(5));
                }));
            } else {
                scope.fork("down", () -> level(depth + 1, levels, leafSleeping, leaf));
            }
            scope.join();
        }
    }

    @Test
    void cancellingTheRootOfTwentyThousandLevelsFromASmallStackReachesTheLeaf() throws Throwable {
        CountDownLatch leafSleeping = new CountDownLatch(1);
        AtomicReference<Branch<?>> leaf = new AtomicReference<>();
        AtomicReference<Throwable> cancelFailed = new AtomicReference<>();
        try (var root = Scope.open(cfg -> cfg.withName("root"))) {
            root.fork("top", () -> level(1, leafSleeping, leaf));
            leafSleeping.await();
            // from a platform thread with a 256 KiB stack: the depth of the tree must not matter
            Thread canceller = Thread.ofPlatform().stackSize(256 * 1024).start(() -> {
                try {
                    root.cancel();
                } catch (Throwable t) {
                    cancelFailed.set(t);
                }
            });
            canceller.join();
            root.join();
        }
        assertThat(cancelFailed.get()).isNull();
        assertThat(leaf.get().state()).isEqualTo(Branch.State.CANCELLED);
        assertThat(leaf.get().cancellation().orElseThrow().reason()).isEqualTo(CancellationReason.REQUESTED);
        assertThat(leaf.get().cancellation().orElseThrow().origin()).isEqualTo("root");
    }

    @Test
    void interruptingTheOwnerOfTwentyThousandLevelsReachesTheLeaf() throws Exception {
        CountDownLatch leafSleeping = new CountDownLatch(1);
        AtomicReference<Branch<?>> leaf = new AtomicReference<>();
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread owner = Thread.ofVirtual().start(() -> {
            try (var root = Scope.open(cfg -> cfg.withName("root"))) {
                root.fork("top", () -> level(1, leafSleeping, leaf));
                root.join();
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        leafSleeping.await();
        owner.interrupt();
        owner.join();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(leaf.get().cancellation().orElseThrow().reason()).isEqualTo(CancellationReason.OWNER_INTERRUPTED);
    }

    /** 2,000 levels: the depth at which the recursive walk overflowed before the JIT had compiled it. */
    @Test
    void aDeadlineOfTheRootCutsTheLeafOfTwoThousandLevelsAndEveryLevelNamesTheRoot() throws Exception {
        CountDownLatch leafSleeping = new CountDownLatch(1);
        AtomicReference<Branch<?>> leaf = new AtomicReference<>();
        AtomicReference<Throwable> nestedSaw = new AtomicReference<>();
        try (var root = Scope.open(cfg -> cfg.withName("root").withTimeout(Duration.ofSeconds(2)))) {
            root.fork("top", () -> {
                try {
                    level(1, 2_000, leafSleeping, leaf);
                } catch (CancelledException e) {
                    nestedSaw.set(e);
                    throw e;
                }
            });
            assertThatThrownBy(root::join).isInstanceOf(DeadlineExceededException.class);
        }
        assertThat(leaf.get().state()).isEqualTo(Branch.State.CANCELLED);
        // every level below names the root's deadline, not its own scope
        assertThat(nestedSaw.get()).isInstanceOfSatisfying(DeadlineExceededException.class,
                e -> assertThat(e.scopeName()).isEqualTo("root"));
    }

    @Test
    void aBranchCancelledByItsHandleCancelsTwentyThousandLevelsBelowIt() throws Exception {
        CountDownLatch leafSleeping = new CountDownLatch(1);
        AtomicReference<Branch<?>> leaf = new AtomicReference<>();
        try (var root = Scope.open(cfg -> cfg.withName("root"))) {
            Branch<Void> top = root.fork("top", () -> level(1, leafSleeping, leaf));
            Branch<String> sibling = root.fork("sibling", () -> {
                leafSleeping.await();
                return SkeinContext.current().isCancelled() ? "cancelled" : "untouched";
            });
            leafSleeping.await();
            top.cancel();
            root.join();
            assertThat(top.state()).isEqualTo(Branch.State.CANCELLED);
            assertThat(sibling.resultNow()).isEqualTo("untouched");
        }
        assertThat(leaf.get().state()).isEqualTo(Branch.State.CANCELLED);
    }
}
