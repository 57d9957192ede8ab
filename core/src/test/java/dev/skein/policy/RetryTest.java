package dev.skein.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.skein.BranchFailedException;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import java.io.Serial;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/** SmallRye's retry under Skein: it retries, and the deadline and cancellation win over it. */
class RetryTest {

    static final class Flaky extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        Flaky(int attempt) {
            super("attempt " + attempt + " failed");
        }
    }

    @Test
    void aFailingCallIsRetriedUntilItSucceeds() throws Exception {
        Policy retrying = Policy.of(p -> p.withRetry(r -> r.withMaxRetries(3)));
        AtomicInteger attempts = new AtomicInteger();
        String result = retrying.call(() -> {
            int attempt = attempts.incrementAndGet();
            if (attempt < 3) {
                throw new Flaky(attempt);
            }
            return "third time";
        });
        assertThat(result).isEqualTo("third time");
        assertThat(retrying.state().retries()).isEqualTo(2);
    }

    @Test
    void aRetryDoesNotStartWhenTheDeadlineCannotCoverItsDelay() throws Exception {
        Policy retrying = Policy.of(p -> p.withRetry(r -> r.withMaxRetries(100).withDelay(Duration.ofSeconds(2))));
        AtomicInteger attempts = new AtomicInteger();
        try (Scope scope = Scope.open(cfg -> cfg.withTimeout(Duration.ofSeconds(3)))) {
            Branch<Object> call = scope.fork(retrying.wrap(() -> {
                throw new Flaky(attempts.incrementAndGet());
            }));
            // attempt 1 at ~0 s: 3 s left, so it retries after 2 s; attempt 2 at ~2 s: ~1 s left, less than
            // the delay, so the retry does not start and the branch fails with attempt 2's failure
            assertThatThrownBy(scope::join).isInstanceOf(BranchFailedException.class)
                    .cause().isInstanceOf(Flaky.class).hasMessage("attempt 2 failed");
            assertThat(call.state()).isEqualTo(Branch.State.FAILED);
        }
        assertThat(attempts).hasValue(2);
    }

    @Test
    void aGrowingRetryDelayIsComparedWithTheDeadlineAsItGrows() throws Exception {
        Policy retrying = Policy.of(p -> p.withRetry(r -> r.withMaxRetries(100).withDelay(Duration.ofMillis(500))
                .withExponentialBackoff(4, Duration.ofSeconds(10))));
        AtomicInteger attempts = new AtomicInteger();
        try (Scope scope = Scope.open(cfg -> cfg.withTimeout(Duration.ofSeconds(4)))) {
            scope.fork(retrying.wrap(() -> {
                throw new Flaky(attempts.incrementAndGet());
            }));
            // delays 0.5 s then 2 s fit in 4 s; the third, 8 s, does not: attempt 3's failure is thrown
            assertThatThrownBy(scope::join).isInstanceOf(BranchFailedException.class)
                    .cause().isInstanceOf(Flaky.class).hasMessage("attempt 3 failed");
        }
        assertThat(attempts).hasValue(3);
    }

    @Test
    void cancellationDuringARetryDelayEndsTheCallAtOnce() throws Exception {
        Policy retrying = Policy.of(p -> p.withRetry(r -> r.withMaxRetries(5).withDelay(Duration.ofMinutes(10))));
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch firstAttemptFailed = new CountDownLatch(1);
        Branch<Object> call;
        try (Scope scope = Scope.open()) {
            call = scope.fork(retrying.wrap(() -> {
                attempts.incrementAndGet();
                firstAttemptFailed.countDown();
                throw new Flaky(1);
            }));
            firstAttemptFailed.await();
            scope.cancel(); // it is now in (or entering) its ten-minute retry delay
            scope.join();   // returns at once: the test's 60 s timeout would catch a wait
        }
        assertThat(call.state()).isEqualTo(Branch.State.CANCELLED);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void exceptionsOutsideRetryOnOrInAbortOnAreNotRetried() throws Exception {
        Policy retrying = Policy.of(p -> p.withRetry(r -> r.withRetryOn(IllegalStateException.class)
                .withAbortOn(UnsupportedOperationException.class)));
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> retrying.call(() -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("not retryable");
        })).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> retrying.call(() -> {
            attempts.incrementAndGet();
            throw new UnsupportedOperationException("aborts");
        })).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> retrying.call(() -> { // causes count, as in SmallRye
            attempts.incrementAndGet();
            throw new IllegalStateException("wrapped", new UnsupportedOperationException("aborts"));
        })).isInstanceOf(IllegalStateException.class);
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aFallbackGivesAValueAfterTheLastRetryButNeverForACancellation() throws Exception {
        Policy retrying = Policy.of(p -> p.withRetry(r -> r.withMaxRetries(2)));
        AtomicInteger attempts = new AtomicInteger();
        String value = retrying.call(() -> {
            throw new Flaky(attempts.incrementAndGet());
        }, failure -> "cached, after " + failure.getMessage());
        assertThat(value).isEqualTo("cached, after attempt 3 failed");
        assertThatThrownBy(() -> retrying.call(() -> {
            throw new InterruptedException("cancelled");
        }, failure -> "never")).isInstanceOf(InterruptedException.class);
    }
    @Test
    void aCallWhoseLastAttemptFailedThrowsThatFailureAsTheBodyThrewIt() {
        Policy retrying = Policy.of(p -> p.withRetry(r -> r.withMaxRetries(2)));
        AtomicInteger attempts = new AtomicInteger();
        Throwable last = catchThrowable(() -> retrying.call(() -> {
            throw new Flaky(attempts.incrementAndGet());
        }));
        assertThat(last).isInstanceOf(Flaky.class).hasMessage("attempt 3 failed");
        assertThat(last.getSuppressed()).as("Skein attaches nothing to the body's own exception").isEmpty();
    }

    /** The case a compensation must tell apart: "refused by the breaker" is not "nothing was sent". */
    @Test
    void aRetryRefusedByTheBreakerTheFirstAttemptOpenedStillTellsThatAnAttemptRan() {
        Policy payment = Policies.define("retry-test-payment", p -> p.withRetry(r -> r.withMaxRetries(1))
                .withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(1).withFailureRatio(1).withDelay(Duration.ofMinutes(1))));
        try {
            Throwable last = catchThrowable(() -> payment.call(() -> {
                throw new Flaky(1); // sent, and may have reached the service
            }));
            assertThat(last).isInstanceOf(CircuitBreakerOpenException.class);
            assertThat(last.getSuppressed()).singleElement().isInstanceOf(Flaky.class);

            Throwable refused = catchThrowable(() -> payment.call(() -> "never sent"));
            assertThat(refused).isInstanceOf(CircuitBreakerOpenException.class);
            assertThat(refused.getSuppressed()).as("nothing was sent").isEmpty();
        } finally {
            Policies.remove("retry-test-payment");
        }
    }

    @Test
    void aRejectedRetryKeepsTheFirstEarlierFailuresEachOnce() {
        Policy retrying = Policy.of(p -> p.withRetry(r -> r.withMaxRetries(30))
                .withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(20).withFailureRatio(1).withDelay(Duration.ofMinutes(1))));
        AtomicInteger attempts = new AtomicInteger();
        Flaky shared = new Flaky(0);
        Throwable last = catchThrowable(() -> retrying.call(() -> {
            int attempt = attempts.incrementAndGet();
            throw attempt % 2 == 0 ? shared : new Flaky(attempt); // 20 attempts open the breaker; the 21st is refused
        }));
        assertThat(last).isInstanceOf(CircuitBreakerOpenException.class);
        assertThat(attempts).hasValue(20);
        assertThat(last.getSuppressed()).hasSize(Policy.EARLIER_FAILURES_KEPT).extracting(Throwable::getMessage)
                .containsExactly("attempt 1 failed", "attempt 0 failed", "attempt 3 failed", "attempt 5 failed",
                        "attempt 7 failed", "attempt 9 failed", "attempt 11 failed", "attempt 13 failed");
    }

    @Test
    void aRejectionTheBodyThrewIsLeftAsItWasThrownThoughItIsThePolicysOwn() {
        Policy limited = Policy.of(p -> p.withRetry(r -> r.withMaxRetries(1)).withBulkhead(1));
        // each attempt holds the bulkhead's one permit and calls the same policy again: that inner call is refused
        Throwable last = catchThrowable(() -> limited.call(() -> limited.call(() -> "inner")));
        assertThat(last).isInstanceOf(BulkheadException.class);
        assertThat(last.getSuppressed()).as("the body's exception, not one the policy made for this call").isEmpty();
    }
}
