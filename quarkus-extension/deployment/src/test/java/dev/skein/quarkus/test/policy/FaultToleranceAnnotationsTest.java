package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.GraphFailedException;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RateLimit;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A task's fault-tolerance annotations are its policy: retries, breaker, timeout, rate limit, bulkhead, backoff. */
class FaultToleranceAnnotationsTest {

    @ApplicationScoped
    @TaskGraph("retried")
    public static class Retried {
        private final AtomicInteger attempts = new AtomicInteger();

        @Task
        @Retry(maxRetries = 2, jitter = 0, abortOn = IllegalArgumentException.class)
        String quote(@GraphInput String kind) {
            int n = attempts.incrementAndGet();
            if (kind.equals("abort")) {
                throw new IllegalArgumentException("bad request " + n);
            }
            throw new IllegalStateException("busy " + n);
        }

        int takeAttempts() {
            return attempts.getAndSet(0);
        }
    }

    @ApplicationScoped
    @TaskGraph("breaker")
    public static class Breaker {
        private final AtomicInteger calls = new AtomicInteger();

        @Task
        @CircuitBreaker(requestVolumeThreshold = 2, failureRatio = 1.0, delay = 1, delayUnit = ChronoUnit.HOURS)
        String call(@GraphInput Boolean fail) {
            calls.incrementAndGet();
            if (fail) {
                throw new IllegalStateException("down");
            }
            return "up";
        }

        int calls() {
            return calls.get();
        }
    }

    @ApplicationScoped
    @TaskGraph("slow")
    public static class Slow {
        private final CountDownLatch never = new CountDownLatch(1);
        private final AtomicBoolean interrupted = new AtomicBoolean();

        @Task
        @Timeout(100)
        String slow() throws InterruptedException {
            try {
                never.await();
                return "late";
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        }

        boolean wasInterrupted() {
            return interrupted.get();
        }
    }

    @ApplicationScoped
    @TaskGraph("limited")
    public static class Limited {
        @Task
        @RateLimit(value = 1, window = 1, windowUnit = ChronoUnit.HOURS)
        String once() {
            return "ok";
        }
    }

    @ApplicationScoped
    @TaskGraph("narrow")
    public static class Narrow {
        private final CountDownLatch entered = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);

        @Task
        @Bulkhead(1)
        String pass(@GraphInput String who) throws InterruptedException {
            if (who.equals("first")) {
                entered.countDown();
                release.await();
            }
            return who;
        }

        boolean awaitEntered() throws InterruptedException {
            return entered.await(30, TimeUnit.SECONDS);
        }

        void release() {
            release.countDown();
        }
    }

    @ApplicationScoped
    @TaskGraph("backoff")
    public static class Backoff {
        private final AtomicInteger attempts = new AtomicInteger();

        @Task
        @Retry(maxRetries = 2, delay = 1, jitter = 0)
        @ExponentialBackoff(factor = 2, maxDelay = 10)
        String grow() {
            throw new IllegalStateException("attempt " + attempts.incrementAndGet());
        }

        int attempts() {
            return attempts.get();
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().withApplicationRoot(root -> root.addClasses(Retried.class,
            Breaker.class, Slow.class, Limited.class, Narrow.class, Backoff.class));

    @Inject
    @Identifier("retried")
    SkeinGraph<String, String> retried;
    @Inject
    Retried retriedTasks;
    @Inject
    @Identifier("breaker")
    SkeinGraph<Boolean, String> breaker;
    @Inject
    Breaker breakerTasks;
    @Inject
    @Identifier("slow")
    SkeinGraph<Void, String> slow;
    @Inject
    Slow slowTasks;
    @Inject
    @Identifier("limited")
    SkeinGraph<Void, String> limited;
    @Inject
    @Identifier("narrow")
    SkeinGraph<String, String> narrow;
    @Inject
    Narrow narrowTasks;
    @Inject
    @Identifier("backoff")
    SkeinGraph<Void, String> backoff;
    @Inject
    Backoff backoffTasks;

    @Test
    void aRetryTriesTheTaskAgainAsOftenAsTheAnnotationSays() {
        retriedTasks.takeAttempts();
        assertThatThrownBy(() -> retried.run("busy")).isInstanceOfSatisfying(GraphFailedException.class,
                e -> assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("busy 3"));
        assertThat(retriedTasks.takeAttempts()).isEqualTo(3);
    }

    @Test
    void anAbortOnExceptionIsNotRetried() {
        retriedTasks.takeAttempts();
        assertThatThrownBy(() -> retried.run("abort")).isInstanceOfSatisfying(GraphFailedException.class,
                e -> assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage("bad request 1"));
        assertThat(retriedTasks.takeAttempts()).isEqualTo(1);
    }

    @Test
    void theBreakerOpensAfterItsWindowOfFailuresAndThenRejectsWithoutCalling() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> breaker.run(true)).isInstanceOf(GraphFailedException.class).cause().hasMessage("down");
        }
        assertThatThrownBy(() -> breaker.run(false)).isInstanceOfSatisfying(GraphFailedException.class,
                e -> assertThat(e.getCause()).isInstanceOf(CircuitBreakerOpenException.class));
        assertThat(breakerTasks.calls()).isEqualTo(2);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60) // the task waits for ever: only its @Timeout ends it
    void theTimeoutCutsTheTaskWithMicroProfilesException() {
        assertThatThrownBy(() -> slow.run(null)).isInstanceOfSatisfying(GraphFailedException.class,
                e -> assertThat(e.getCause()).isInstanceOf(TimeoutException.class));
        assertThat(slowTasks.wasInterrupted()).isTrue();
    }

    @Test
    void aCallOverTheRateLimitIsRejected() throws Exception {
        assertThat(limited.run(null)).isEqualTo("ok");
        assertThatThrownBy(() -> limited.run(null)).isInstanceOfSatisfying(GraphFailedException.class,
                e -> assertThat(e.getCause()).isInstanceOf(RateLimitException.class));
    }

    @Test
    void aCallBeyondTheBulkheadIsRejectedWhileTheFirstHoldsIt() throws Exception {
        CompletableFuture<String> first = narrow.runAsUni("first").subscribeAsCompletionStage().toCompletableFuture();
        assertThat(narrowTasks.awaitEntered()).isTrue();
        try {
            assertThatThrownBy(() -> narrow.run("second")).isInstanceOfSatisfying(GraphFailedException.class,
                    e -> assertThat(e.getCause()).isInstanceOf(BulkheadException.class));
        } finally {
            narrowTasks.release();
        }
        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(narrow.run("third")).isEqualTo("third");
    }

    @Test
    void anExponentialBackoffKeepsTheRetryCount() {
        assertThatThrownBy(() -> backoff.run(null)).isInstanceOf(GraphFailedException.class).cause().hasMessage("attempt 3");
        assertThat(backoffTasks.attempts()).isEqualTo(3);
    }
}
