package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.CancelledException;
import dev.skein.context.CancellationReason;
import dev.skein.context.ContextKey;
import dev.skein.context.SkeinContext;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Cancellation flows down the whole tree, with its cause; context values flow down too. */
class CancellationTest {

    @Test
    void cancellingAParentCancelsThreeLevelsOfNestedScopes() throws Exception {
        CountDownLatch leavesSleeping = new CountDownLatch(4);
        ConcurrentLinkedQueue<Branch<?>> leaves = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> innerOutcomes = new ConcurrentLinkedQueue<>();
        Branch<Void> top;
        try (var root = Scope.open(cfg -> cfg.withName("root"))) {
            top = root.fork("level-1", () -> nest(2, leaves, leavesSleeping, innerOutcomes));
            leavesSleeping.await();
            root.cancel();
            root.join();
        }
        assertThat(top.state()).isEqualTo(Branch.State.CANCELLED);
        assertThat(leaves).hasSize(4).allSatisfy(leaf -> {
            assertThat(leaf.state()).isEqualTo(Branch.State.CANCELLED);
            assertThat(leaf.cancellation().orElseThrow().reason()).isEqualTo(CancellationReason.REQUESTED);
            assertThat(leaf.cancellation().orElseThrow().origin()).isEqualTo("root");
        });
        // every nested join reported the cancellation from above, with its cause
        assertThat(innerOutcomes).hasSize(3).allSatisfy(e -> assertThat(e)
                .isInstanceOfSatisfying(CancelledException.class,
                        c -> assertThat(c.cancellation().reason()).isEqualTo(CancellationReason.REQUESTED)));
    }

    /** Opens a scope at {@code level}, two branches each nesting further, leaves sleeping at level 3. */
    private static void nest(int level, ConcurrentLinkedQueue<Branch<?>> leaves, CountDownLatch leavesSleeping,
            ConcurrentLinkedQueue<Throwable> outcomes) throws InterruptedException {
        try (var scope = Scope.open(cfg -> cfg.withName("level-" + level))) {
            for (int i = 0; i < 2; i++) {
                if (level == 3) {
                    leaves.add(scope.fork("leaf-" + i, () -> {
                        leavesSleeping.countDown();
                        Thread.sleep(Duration.ofMinutes(5));
                    }));
                } else if (i == 0) {
                    scope.fork("level-" + level + "-child", () -> nest(level + 1, leaves, leavesSleeping, outcomes));
                } else {
                    scope.fork("level-" + level + "-other", () -> nest(level + 1, leaves, leavesSleeping, outcomes));
                }
            }
            try {
                scope.join();
            } catch (CancelledException e) {
                outcomes.add(e);
                throw e;
            }
        }
    }

    @Test
    void aScopeOpenedInACancelledBranchIsBornCancelled() throws Exception {
        CountDownLatch cancelled = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicReference<Branch<String>> nestedBranch = new java.util.concurrent.atomic.AtomicReference<>();
        try (var scope = Scope.open()) {
            Branch<Void> b = scope.fork("late-opener", () -> {
                cancelled.await();
                try (var nested = Scope.open()) {
                    nestedBranch.set(nested.fork("never", () -> "ran"));
                    nested.join();
                }
            });
            b.cancel();
            cancelled.countDown();
            scope.join();
            assertThat(b.state()).isEqualTo(Branch.State.CANCELLED);
        }
        // either the latch wait was interrupted (nested never opened) or the nested branch never ran
        if (nestedBranch.get() != null) {
            assertThat(nestedBranch.get().state()).isEqualTo(Branch.State.CANCELLED);
        }
    }

    @Test
    void theContextTellsWhyAndThrowIfCancelledThrows() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (var scope = Scope.open(cfg -> cfg.withName("poller"))) {
            Branch<String> b = scope.fork("poll", () -> {
                started.countDown();
                while (!SkeinContext.current().isCancelled()) {
                    Thread.onSpinWait();
                }
                var why = SkeinContext.current().cancellation().orElseThrow();
                assertThatThrownBy(() -> SkeinContext.current().throwIfCancelled()).isInstanceOf(CancelledException.class);
                return why.reason() + " from " + why.origin();
            });
            started.await();
            scope.cancel();
            scope.join();
            assertThat(b.resultNow()).isEqualTo("REQUESTED from poller");
        }
    }

    @Test
    void outsideAnyBranchTheContextIsTheEmptyRoot() {
        SkeinContext root = SkeinContext.current();
        assertThat(root.isCancelled()).isFalse();
        assertThat(root.deadline()).isEmpty();
        assertThat(root.get(ContextKey.of("x", String.class))).isEmpty();
    }

    @Test
    void valuesFlowIntoBranchesAndNestedScopesWhichMayOverrideThem() throws Exception {
        ContextKey<String> tenant = ContextKey.of("tenant", String.class);
        ContextKey<Integer> attempt = ContextKey.of("attempt", Integer.class);
        String seen = Scope.run(cfg -> cfg.withValue(tenant, "acme").withValue(attempt, 1), outer -> {
            Branch<String> b = outer.fork(() -> Scope.run(cfg -> cfg.withValue(attempt, 2), inner -> {
                Branch<String> leaf = inner.fork(() -> SkeinContext.current().get(tenant).orElseThrow() + "#"
                        + SkeinContext.current().get(attempt).orElseThrow());
                inner.join();
                return leaf.resultNow();
            }));
            outer.join();
            return b.resultNow();
        });
        assertThat(seen).isEqualTo("acme#2");
    }

    @Test
    void aValueOfTheWrongTypeIsRejectedWhenConfigured() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        ContextKey<Object> lying = (ContextKey) ContextKey.of("n", Integer.class);
        assertThatThrownBy(() -> Scope.open(cfg -> cfg.withValue(lying, "not a number")))
                .isInstanceOf(ClassCastException.class);
    }
}
