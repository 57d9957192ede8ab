package dev.skein.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import java.time.Duration;
import org.junit.jupiter.api.Test;
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
}
