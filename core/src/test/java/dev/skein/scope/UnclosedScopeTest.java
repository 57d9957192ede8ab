package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.diagnostics.SkeinListener;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Forgetting to close a scope is detected and reported with where it was opened. */
class UnclosedScopeTest {

    @Test
    void aBranchThatEndsWithItsNestedScopeOpenFailsAndTheScopeIsClosedForIt() throws Exception {
        ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();
        AtomicReference<Branch<String>> leaked = new AtomicReference<>();
        CountDownLatch leafStarted = new CountDownLatch(1);
        Branch<Void> sloppy;
        try (var registration = Diagnostics.addListener(new SkeinListener() {
            @Override
            public void onUnclosedScope(ScopeSnapshot scope, String detail) {
                reports.add(detail);
            }
        }); var scope = Scope.openSupervisor()) {
            sloppy = scope.fork("sloppy", () -> {
                Scope nested = Scope.open(cfg -> cfg.withName("forgotten"));
                leaked.set(nested.fork("leaf", () -> {
                    leafStarted.countDown();
                    Thread.sleep(Duration.ofMinutes(5));
                    return "never";
                }));
                leafStarted.await();
                // returns without join or close
            });
            try {
                scope.join();
            } catch (dev.skein.BranchFailedException expected) {
                // the sloppy branch failed: that is the report the owner gets
            }
        }
        assertThat(sloppy.state()).isEqualTo(Branch.State.FAILED);
        assertThat(sloppy.failureNow()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'forgotten'").hasMessageContaining("was not closed before the branch ended")
                .hasMessageContaining(UnclosedScopeTest.class.getName());
        assertThat(leaked.get().state()).isEqualTo(Branch.State.CANCELLED);
        assertThat(reports).singleElement().asString().contains("'forgotten'");
    }

    @Test
    void aRootScopeWhoseHandleIsCollectedOpenIsReportedWithItsOpenSiteAndCancelled() {
        ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<Branch<String>> orphan = new AtomicReference<>();
        try (var registration = Diagnostics.addListener(new SkeinListener() {
            @Override
            public void onUnclosedScope(ScopeSnapshot scope, String detail) {
                reports.add(detail);
            }
        })) {
            openAndForget(orphan, started);
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                System.gc();
                Diagnostics.snapshot(); // polls for collected handles
                return !reports.isEmpty();
            });
        }
        assertThat(reports).singleElement().asString()
                .contains("'abandoned'", "was never closed", UnclosedScopeTest.class.getName() + ".openAndForget");
        await().until(() -> orphan.get().state() == Branch.State.CANCELLED);
    }

    private static void openAndForget(AtomicReference<Branch<String>> orphan, CountDownLatch started) {
        Scope scope = Scope.open(cfg -> cfg.withName("abandoned"));
        orphan.set(scope.fork("orphan", () -> {
            started.countDown();
            Thread.sleep(Duration.ofMinutes(5));
            return "never";
        }));
        // the handle goes out of reach here, the scope still open
    }

    @Test
    void whatACancelledBranchThrewIsKeptWhenItAlsoLeftANestedScopeOpen() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        Branch<Void> sloppy;
        try (var scope = Scope.open()) {
            sloppy = scope.fork("sloppy", () -> {
                Scope nested = Scope.open(cfg -> cfg.withName("left-open"));
                nested.fork(() -> Thread.sleep(Duration.ofMinutes(5)));
                inside.countDown();
                try {
                    Thread.sleep(Duration.ofMinutes(5));
                } catch (InterruptedException e) {
                    throw new IllegalStateException("the real problem");
                }
            });
            inside.await();
            scope.cancel();
            assertThatThrownBy(scope::join).isInstanceOf(dev.skein.BranchFailedException.class)
                    .satisfies(e -> assertThat(e.getSuppressed()).singleElement().asString().contains("'left-open'"))
                    .cause().hasMessage("the real problem");
        }
        // the branch's own failure is the user's exception, untouched: the leak is reported beside it
        assertThat(sloppy.failureNow()).hasMessage("the real problem").hasNoSuppressedExceptions();
    }
}
