package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skein.BranchFailedException;
import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.diagnostics.SkeinListener;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A listener that throws, an {@code Error} included, changes nothing Skein guarantees: Skein acts first
 * (interrupts, closes, cancels) and reports afterwards, and what the listener throws is logged.
 */
class ListenerIsolationTest {

    /** Throws an Error from every event, and counts them. */
    static final class Throwing implements SkeinListener {
        final AtomicInteger stuck = new AtomicInteger();
        final AtomicInteger unclosed = new AtomicInteger();

        @Override
        public void onStuckBranch(ScopeSnapshot scope, BranchSnapshot branch, StackTraceElement[] stack) {
            stuck.incrementAndGet();
            throw new AssertionError("a listener that fails the test in onStuckBranch");
        }

        @Override
        public void onUnclosedScope(ScopeSnapshot scope, String detail) {
            unclosed.incrementAndGet();
            throw new OutOfMemoryError("a listener that fails in onUnclosedScope");
        }
    }

    @Test
    void anErrorFromOnStuckBranchNeitherEndsJoinEarlyNorKeepsTheInterruptFromTheBranch() throws Exception {
        Throwing listener = new Throwing();
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger interrupts = new AtomicInteger();
        Branch<String> stubborn;
        try (var registration = Diagnostics.addListener(listener);
                var scope = Scope.open(cfg -> cfg.withName("stuck").withCancellationGrace(Duration.ofMillis(20)))) {
            stubborn = scope.fork("swallows once", () -> {
                started.countDown();
                while (interrupts.get() < 2) { // the second interrupt comes with the stuck report
                    try {
                        Thread.sleep(Duration.ofMinutes(5));
                    } catch (InterruptedException swallowed) {
                        interrupts.incrementAndGet();
                    }
                }
                return "stopped after the report";
            });
            started.await();
            scope.cancel();
            scope.join(); // returns only once the branch has ended, whatever the listener threw
            assertThat(stubborn.state()).isEqualTo(Branch.State.SUCCEEDED);
        }
        assertThat(listener.stuck.get()).isPositive();
        assertThat(Diagnostics.snapshot()).noneMatch(s -> s.name().equals("stuck"));
    }

    @Test
    void anErrorFromOnUnclosedScopeStillLetsTheLeakedNestedScopeBeClosedAndTheBranchFail() throws Exception {
        Throwing listener = new Throwing();
        AtomicReference<Branch<String>> leaf = new AtomicReference<>();
        CountDownLatch leafStarted = new CountDownLatch(1);
        Branch<Void> sloppy;
        try (var registration = Diagnostics.addListener(listener); var scope = Scope.openSupervisor()) {
            sloppy = scope.fork("sloppy", () -> {
                Scope nested = Scope.open(cfg -> cfg.withName("forgotten by sloppy"));
                leaf.set(nested.fork("leaf", () -> {
                    leafStarted.countDown();
                    Thread.sleep(Duration.ofMinutes(5));
                    return "never";
                }));
                leafStarted.await();
            });
            assertThatThrownBy(scope::join).isInstanceOf(BranchFailedException.class);
        }
        assertThat(listener.unclosed.get()).isEqualTo(1);
        assertThat(sloppy.failureNow()).isInstanceOf(IllegalStateException.class).hasMessageContaining("was not closed");
        assertThat(leaf.get().state()).isEqualTo(Branch.State.CANCELLED);
        assertThat(Diagnostics.snapshot()).noneMatch(s -> s.name().equals("forgotten by sloppy"));
    }

    @Test
    void anErrorFromOnUnclosedScopeDuringAGarbageCollectedLeakNeitherReachesAnotherOpenerNorLeavesTheLeakRunning() {
        Throwing listener = new Throwing();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Branch<String>> orphan = new AtomicReference<>();
        try (var registration = Diagnostics.addListener(listener)) {
            openAndForget(orphan, started);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                System.gc();
                // an unrelated opener finds the collected handle: the listener's Error must not reach it
                try (var unrelated = Scope.open(cfg -> cfg.withName("unrelated"))) {
                    unrelated.join();
                }
                return listener.unclosed.get() > 0;
            });
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> orphan.get().state() == Branch.State.CANCELLED);
        assertThat(Diagnostics.snapshot()).noneMatch(s -> s.name().equals("abandoned by its opener"));
    }

    private static void openAndForget(AtomicReference<Branch<String>> orphan, CountDownLatch started) {
        Scope scope = Scope.open(cfg -> cfg.withName("abandoned by its opener"));
        orphan.set(scope.fork("orphan", () -> {
            started.countDown();
            Thread.sleep(Duration.ofMinutes(5));
            return "never";
        }));
    }
}
