package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.BranchFailedException;
import dev.skein.CancelledException;
import dev.skein.DeadlineExceededException;
import dev.skein.context.SkeinContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** A branch run on the owner's thread ({@link Scope#runHere}): a branch in all but its thread. */
class RunHereTest {

    @Test
    void runsOnTheCallingThreadWithTheScopesContextAndGivesItsResult() throws Exception {
        Thread caller = Thread.currentThread();
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        AtomicReference<Optional<Instant>> deadlineSeen = new AtomicReference<>();
        String result = Scope.run(cfg -> cfg.withName("request").withTimeout(Duration.ofMinutes(1)), scope -> {
            Branch<String> here = scope.runHere("handle", () -> {
                ranOn.set(Thread.currentThread());
                deadlineSeen.set(SkeinContext.current().deadline());
                return "done";
            });
            assertThat(here.state()).isEqualTo(Branch.State.SUCCEEDED);
            scope.join();
            return here.resultNow();
        });
        assertThat(result).isEqualTo("done");
        assertThat(ranOn.get()).isSameAs(caller);
        assertThat(deadlineSeen.get()).isPresent();
        assertThat(SkeinContext.current().deadline()).isEmpty(); // the caller's own context is back
    }

    @Test
    void theDeadlineInterruptsTheCallingThreadAndTheInterruptIsClearedAfterwards() throws Exception {
        AtomicBoolean interruptedInBody = new AtomicBoolean();
        assertThatThrownBy(() -> Scope.run(cfg -> cfg.withName("request").withTimeout(Duration.ofMillis(50)), scope -> {
            scope.runHere("slow handler", () -> {
                try {
                    new CountDownLatch(1).await(); // nothing counts it down: only the deadline ends this
                } catch (InterruptedException e) {
                    interruptedInBody.set(true);
                    throw e;
                }
                return null;
            });
            assertThat(Thread.currentThread().isInterrupted()).as("interrupted after runHere").isFalse();
            scope.join();
            return null;
        })).isInstanceOfSatisfying(DeadlineExceededException.class,
                e -> assertThat(e.stillRunning()).containsExactly("slow handler"));
        assertThat(interruptedInBody).isTrue();
        assertThat(Thread.interrupted()).as("the caller's thread goes on uninterrupted").isFalse();
    }

    @Test
    void noInterruptOutlivesTheBranchWhenTheDeadlineRacesItsEnd() throws Exception {
        Random random = new Random(20261203L);
        int leaked = 0;
        int cut = 0;
        for (int i = 0; i < 3_000; i++) {
            long micros = random.nextInt(300);
            long spinNanos = random.nextInt(300_000);
            try {
                Scope.run(cfg -> cfg.withTimeout(Duration.ofNanos(micros * 1_000)), scope -> {
                    scope.runHere("work", () -> {
                        long end = System.nanoTime() + spinNanos;
                        while (System.nanoTime() < end) {
                            Thread.onSpinWait(); // deaf to the interrupt: ends on its own, near the deadline
                        }
                        return null;
                    });
                    scope.join();
                    return null;
                });
            } catch (DeadlineExceededException expected) {
                cut++;
            }
            if (Thread.interrupted()) {
                leaked++;
            }
        }
        assertThat(leaked).as("runs that left the caller's thread interrupted").isZero();
        assertThat(cut).as("runs the deadline cut (the race was exercised)").isBetween(1, 2_999);
    }

    @Test
    void aFailureIsTheScopesAndCancelsWhatTheBodyForked() throws Exception {
        CountDownLatch siblingStarted = new CountDownLatch(1);
        AtomicBoolean siblingInterrupted = new AtomicBoolean();
        IllegalStateException boom = new IllegalStateException("declined");
        assertThatThrownBy(() -> Scope.run(scope -> {
            scope.runHere("handler", () -> {
                scope.fork("side work", () -> {
                    siblingStarted.countDown();
                    try {
                        new CountDownLatch(1).await();
                    } catch (InterruptedException e) {
                        siblingInterrupted.set(true);
                        throw e;
                    }
                    return null;
                });
                siblingStarted.await();
                throw boom;
            });
            scope.join();
            return null;
        })).isInstanceOfSatisfying(BranchFailedException.class, e -> assertThat(e.getCause()).isSameAs(boom));
        assertThat(siblingInterrupted).isTrue();
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void anEnclosingCancellationKeepsItsInterruptForTheEnclosingBranch() throws Exception {
        for (int i = 0; i < 200; i++) { // the interrupts of the two cancellations race the body's end
            enclosingCancellationOnce();
        }
    }

    private static void enclosingCancellationOnce() throws Exception {
        CountDownLatch handling = new CountDownLatch(1);
        AtomicReference<Throwable> innerOutcome = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        try (var outer = Scope.open(cfg -> cfg.withName("outer"))) {
            outer.fork("request", () -> {
                try {
                    Scope.run(cfg -> cfg.withName("inner"), inner -> {
                        inner.runHere("handler", () -> {
                            handling.countDown();
                            new CountDownLatch(1).await();
                            return null;
                        });
                        inner.join();
                        return null;
                    });
                } catch (Throwable t) {
                    innerOutcome.set(t);
                    stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
            });
            handling.await();
            outer.cancel();
            outer.join();
        }
        assertThat(innerOutcome.get()).isInstanceOf(CancelledException.class);
        assertThat(stillInterrupted).as("the enclosing branch was cancelled too: its thread stays interrupted").isTrue();
    }

    @Test
    void theCallersMdcIsLeftAsItWas() throws Exception {
        MDC.put("request.id", "r-7");
        try {
            AtomicReference<String> inBody = new AtomicReference<>();
            Scope.run(scope -> {
                scope.runHere("handler", () -> inBody.getAndSet(MDC.get("request.id")));
                scope.join();
                return null;
            });
            assertThat(inBody).hasValue("r-7");
            assertThat(MDC.get("request.id")).isEqualTo("r-7");
        } finally {
            MDC.clear();
        }
    }

    @Test
    void onlyTheOwnerMayRunHereAndOnlyBeforeJoin() throws Exception {
        Scope.run(scope -> {
            Branch<Throwable> fromBranch = scope.fork("other", () -> {
                try {
                    scope.runHere("not mine", () -> null);
                    return null;
                } catch (WrongThreadException e) {
                    return e;
                }
            });
            scope.join();
            assertThat(fromBranch.resultNow()).isInstanceOf(WrongThreadException.class);
            assertThatThrownBy(() -> scope.runHere("late", () -> null)).isInstanceOf(IllegalStateException.class);
            return null;
        });
    }

    @Test
    void joiningFromInsideTheBranchFailsClearlyInsteadOfWaitingForItself() throws Exception {
        assertThatThrownBy(() -> Scope.run(cfg -> cfg.withName("request"), scope -> {
            scope.runHere("handler", () -> {
                scope.join();
                return null;
            });
            scope.join();
            return null;
        })).isInstanceOfSatisfying(BranchFailedException.class, e -> assertThat(e.getCause())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("join() of scope 'request' called from its own branch 'handler'"));
    }

    @Test
    void aScopeAlreadyCancelledRunsNothing() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        Scope.run(scope -> {
            scope.cancel();
            Branch<Object> here = scope.runHere("handler", () -> ran.getAndSet(true));
            assertThat(here.state()).isEqualTo(Branch.State.CANCELLED);
            scope.join();
            return null;
        });
        assertThat(ran).isFalse();
        assertThat(Thread.interrupted()).isFalse();
    }
}
