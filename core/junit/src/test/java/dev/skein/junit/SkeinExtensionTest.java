package dev.skein.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.awaitility.Awaitility.await;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.diagnostics.SkeinListener;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

/** Runs small example test classes through the real Jupiter engine and checks what the extension did. */
class SkeinExtensionTest {

    @ExtendWith(SkeinExtension.class)
    static class LeakyExample {
        static Scope leaked;

        @Test
        void leavesAScopeOpen() {
            leaked = Scope.open(cfg -> cfg.withName("left-open"));
            leaked.fork("still-running", () -> Thread.sleep(Duration.ofMinutes(5)));
        }
    }

    @ExtendWith(SkeinExtension.class)
    static class TidyExample {
        @Test
        void closesItsScope(SkeinTestKit kit) throws Exception {
            try (var scope = Scope.open(cfg -> cfg.withName("tidy"))) {
                Branch<Void> sleeper = scope.fork("sleeper", () -> Thread.sleep(Duration.ofMinutes(5)));
                kit.awaitBlocked("sleeper");
                sleeper.cancel();
                kit.awaitState(sleeper, Branch.State.CANCELLED);
                scope.join();
            }
        }
    }

    @ExtendWith(SkeinExtension.class)
    static class NestedLeakExample {
        @Test
        void aBranchForgetsItsNestedScope() throws Exception {
            try (var scope = Scope.openSupervisor()) {
                scope.fork("sloppy", () -> {
                    Scope.open(cfg -> cfg.withName("never-closed")).fork(() -> "x");
                });
                try {
                    scope.join();
                } catch (RuntimeException ignoredHere) {
                    // the extension must still report it
                }
            }
        }
    }

    @ExtendWith(SkeinExtension.class)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    static class LeakFoundLaterExample {
        static Scope held;

        @Test
        void a_leaksAScope() {
            held = Scope.open(cfg -> cfg.withName("leaked-earlier"));
        }

        @Test
        void b_runsWhileSkeinFindsTheEarlierLeak() {
            ConcurrentLinkedQueue<String> reports = new ConcurrentLinkedQueue<>();
            try (var registration = Diagnostics.addListener(new SkeinListener() {
                @Override
                public void onUnclosedScope(ScopeSnapshot scope, String detail) {
                    reports.add(detail);
                }
            })) {
                held = null;
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    System.gc();
                    try (var scope = Scope.open()) { // Skein looks for collected handles when a scope opens
                        scope.join();
                    }
                    return reports.stream().anyMatch(detail -> detail.contains("'leaked-earlier'"));
                });
            }
        }
    }

    @ExtendWith(SkeinExtension.class)
    static class SameNameExample {
        @Test
        void findsItsOwnBranch(SkeinTestKit kit) throws Exception {
            CountDownLatch release = new CountDownLatch(1);
            try (var scope = Scope.open(cfg -> cfg.withName("this test's"))) {
                scope.fork("twin", () -> waitInThisTest(release));
                BranchSnapshot found = kit.awaitBlocked("twin");
                release.countDown();
                scope.join();
                assertThat(found.waitingAt()).anyMatch(frame -> frame.getMethodName().equals("waitInThisTest"));
            }
        }

        private static void waitInThisTest(CountDownLatch release) throws InterruptedException {
            release.await();
        }
    }

    @Test
    void aTestThatLeavesAScopeOpenFailsWithWhereItWasOpened() throws Exception {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(LeakyExample.class)).execute()
                .testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(instanceOf(AssertionError.class),
                        message(m -> m.contains("still open after it") && m.contains("'left-open'")
                                && m.contains("still-running") && m.contains(LeakyExample.class.getName()))));
        // the extension cancelled it; the test that leaked it may still close it
        assertThat(LeakyExample.leaked.context().isCancelled()).isTrue();
        LeakyExample.leaked.join();
        LeakyExample.leaked.close();
    }

    @Test
    void aTidyTestPassesAndTheKitWaitsWithoutSleeping() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(TidyExample.class)).execute()
                .testEvents().assertThatEvents().haveExactly(1, test(finishedSuccessfully()));
    }

    @Test
    void aScopeThatSkeinHadToCloseFailsTheTestToo() {
        EngineTestKit.engine("junit-jupiter").selectors(selectClass(NestedLeakExample.class)).execute()
                .testEvents().assertThatEvents().haveExactly(1, finishedWithFailure(
                        message(m -> m.contains("never closed") && m.contains("'never-closed'"))));
    }

    @Test
    void aLeakOfAnEarlierTestThatSkeinFindsDuringALaterOneFailsOnlyTheEarlierTest() {
        var events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(LeakFoundLaterExample.class)).execute()
                .testEvents();
        events.assertThatEvents()
                .haveExactly(1, event(test("a_leaksAScope"), finishedWithFailure(message(m -> m.contains("'leaked-earlier'")))))
                .haveExactly(1, event(test("b_runsWhileSkeinFindsTheEarlierLeak"), finishedSuccessfully()));
    }

    @Test
    void awaitBlockedMatchesOnlyBranchesOfTheCurrentTest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread other = Thread.ofVirtual().start(() -> {
            try (var scope = Scope.open(cfg -> cfg.withName("another thread's"))) {
                scope.fork("twin", () -> waitElsewhere(release));
                scope.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            await().until(() -> Diagnostics.snapshot().stream().filter(s -> s.name().equals("another thread's"))
                    .flatMap(s -> s.branches().stream()).anyMatch(b -> !b.waitingAt().isEmpty()));
            EngineTestKit.engine("junit-jupiter").selectors(selectClass(SameNameExample.class)).execute()
                    .testEvents().assertThatEvents().haveExactly(1, test(finishedSuccessfully()));
        } finally {
            release.countDown();
            other.join();
        }
    }

    private static void waitElsewhere(CountDownLatch release) throws InterruptedException {
        release.await();
    }
}
