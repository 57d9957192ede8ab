package dev.skein.samples.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.skein.policy.Policy;
import dev.skein.samples.order.payment.PaymentFailedException;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;

/**
 * When the uncertain void of a payment may skip: only for a call the open breaker refused at every attempt, told
 * from a call whose first attempt was sent (and opened the breaker) by a real Skein policy's failure.
 */
class CausesTest {

    private final Policy payment = Policy.of(p -> p.withRetry(r -> r.withMaxRetries(1))
            .withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(1).withFailureRatio(1).withDelay(Duration.ofMinutes(1))));

    @Test
    void aCallWhoseFirstAttemptWasSentIsNotRefusedByTheBreakerOnlyThoughItsRetryWas() {
        Throwable sentThenRefused = catchThrowable(() -> payment.call(() -> {
            throw new PaymentFailedException("payment service did not answer authorise of order o-1", 0, null);
        }));
        assertThat(Causes.find(sentThenRefused, CircuitBreakerOpenException.class))
                .as("the retry was refused").isPresent();
        assertThat(Causes.refusedByTheBreakerOnly(sentThenRefused)).isFalse();

        Throwable neverSent = catchThrowable(() -> payment.call(() -> "authorised"));
        assertThat(Causes.refusedByTheBreakerOnly(neverSent)).isTrue();
        assertThat(Causes.refusedByTheBreakerOnly(new IllegalStateException("cut", neverSent))).as("as a cause").isTrue();
    }

    @Test
    void aFailureWithoutTheBreakersRefusalIsNotRefusedByTheBreakerOnly() {
        assertThat(Causes.refusedByTheBreakerOnly(new PaymentFailedException("payment service answered 503", 503, null))).isFalse();
    }
}
