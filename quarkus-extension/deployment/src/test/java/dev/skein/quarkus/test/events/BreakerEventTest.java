package dev.skein.quarkus.test.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import dev.skein.quarkus.BreakerStateChanged;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A named policy's breaker opening reaches observers as a {@link BreakerStateChanged}, whatever else observes it. */
class BreakerEventTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(RunWatch.class, FaultyWatch.class));

    @Inject
    RunWatch watch;

    @Inject
    FaultyWatch faulty;

    @AfterEach
    void forget() {
        Policies.remove("inventory");
    }

    @Test
    void aBreakerThatOpensIsAnEventAndTheFailuresAreTheCallersOwn() {
        Policy inventory = Policies.define("inventory", p -> p.withCircuitBreaker(cb -> cb
                .withRequestVolumeThreshold(2).withFailureRatio(1.0).withDelay(Duration.ofMinutes(10))));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> inventory.call(() -> {
                throw new IllegalStateException("inventory down");
            })).isInstanceOf(IllegalStateException.class).hasMessage("inventory down");
        }
        assertThatThrownBy(() -> inventory.call(() -> "never runs")).isInstanceOf(CircuitBreakerOpenException.class);

        assertThat(watch.events()).singleElement().isInstanceOfSatisfying(BreakerStateChanged.class, change -> {
            assertThat(change.policy()).isSameAs(inventory);
            assertThat(change.policyName()).isEqualTo("inventory");
            assertThat(change.state()).isEqualTo(CircuitBreakerState.OPEN);
        });
        assertThat(faulty.calls()).as("the observer before it threw").isEqualTo(1);
        assertThat(inventory.state().breaker()).contains(CircuitBreakerState.OPEN);
    }
}
