package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.CancelledException;
import dev.skein.context.CancellationReason;
import dev.skein.context.ContextKey;
import dev.skein.diagnostics.Diagnostics;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Bad input is refused where it is given, with a message that says what is wrong; nothing is left open. */
class BadInputTest {

    @Test
    void aCancellationGraceOutsideTenMillisecondsToADayIsRefusedWhenConfigured() {
        assertThatThrownBy(() -> ScopeConfig.defaults().withCancellationGrace(ChronoUnit.YEARS.getDuration().multipliedBy(1000)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cancellationGrace must be between");
        assertThatThrownBy(() -> ScopeConfig.defaults().withCancellationGrace(Duration.ofNanos(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("10 ms");
        assertThat(ScopeConfig.defaults().withCancellationGrace(Duration.ofMillis(10)).cancellationGrace())
                .isEqualTo(Duration.ofMillis(10));
        assertThat(ScopeConfig.defaults().withCancellationGrace(Duration.ofDays(1)).cancellationGrace())
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void runWithANullBodyOpensNoScope() {
        assertThatThrownBy(() -> Scope.run(cfg -> cfg.withName("never opened"), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("body");
        assertThatThrownBy(() -> Scope.runSupervisor(cfg -> cfg.withName("never opened"), null))
                .isInstanceOf(NullPointerException.class);
        assertThat(Diagnostics.snapshot()).noneMatch(s -> s.name().equals("never opened"));
    }

    @Test
    void aConfigureFunctionThatReturnsNullIsNamedInTheError() {
        assertThatThrownBy(() -> Scope.open(cfg -> null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("configure function returned null");
        assertThatThrownBy(() -> Scope.openSupervisor(cfg -> null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("configure function returned null");
    }

    @Test
    void blankBranchNamesAndContextKeyNamesAreRefusedAsBlankScopeNamesAre() throws Exception {
        try (var scope = Scope.open()) {
            assertThatThrownBy(() -> scope.fork("", () -> 1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("branch name must not be blank");
            assertThatThrownBy(() -> scope.fork(" \t", () -> {
            })).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> scope.tryFork("", () -> 1)).isInstanceOf(IllegalArgumentException.class);
            scope.join();
        }
        assertThatThrownBy(() -> ContextKey.of("", String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("context key name must not be blank");
        assertThatThrownBy(() -> ScopeConfig.defaults().withName(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anOwnerInterruptedWhileWaitingForASlotCancelsTheScopeAndItsJoinThrowsInterruptedException() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        AtomicReference<Throwable> forkFailure = new AtomicReference<>();
        AtomicReference<Throwable> joinFailure = new AtomicReference<>();
        AtomicReference<Branch<Void>> holder = new AtomicReference<>();
        Thread owner = Thread.ofVirtual().start(() -> {
            try (var scope = Scope.open(cfg -> cfg.withName("capped").withMaxConcurrency(1))) {
                holder.set(scope.fork("holds the slot", () -> {
                    holding.countDown();
                    Thread.sleep(Duration.ofMinutes(5));
                }));
                try {
                    scope.fork("waits for the slot", () -> {
                    });
                } catch (Throwable t) {
                    forkFailure.set(t);
                }
                try {
                    scope.join();
                } catch (Throwable t) {
                    joinFailure.set(t);
                }
            }
        });
        holding.await();
        org.awaitility.Awaitility.await().until(() -> owner.getState() == Thread.State.WAITING
                || owner.getState() == Thread.State.TIMED_WAITING);
        owner.interrupt();
        owner.join();
        assertThat(forkFailure.get()).isInstanceOfSatisfying(CancelledException.class,
                e -> assertThat(e.cancellation().reason()).isEqualTo(CancellationReason.OWNER_INTERRUPTED));
        assertThat(joinFailure.get()).isInstanceOf(InterruptedException.class);
        assertThat(holder.get().state()).isEqualTo(Branch.State.CANCELLED);
    }
}
