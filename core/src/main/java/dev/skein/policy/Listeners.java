package dev.skein.policy;

import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The registered {@link PolicyListener}s; a listener that throws is logged, never propagated. */
final class Listeners {

    private static final System.Logger LOG = System.getLogger("dev.skein");
    static final List<PolicyListener> ALL = new CopyOnWriteArrayList<>();

    private Listeners() {
    }

    static void breakerStateChange(Policy policy, CircuitBreakerState state) {
        each(l -> l.onBreakerStateChange(policy, state));
    }

    static void rejection(Policy policy, PolicyListener.Rejection rejection) {
        each(l -> l.onRejection(policy, rejection));
    }

    static void retry(Policy policy) {
        each(l -> l.onRetry(policy));
    }

    static void timeout(Policy policy) {
        each(l -> l.onTimeout(policy));
    }

    static void waitForPermit(Policy policy, long millis) {
        each(l -> l.onWaitForPermit(policy, millis));
    }

    private static void each(Consumer<PolicyListener> event) {
        for (PolicyListener listener : ALL) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "policy listener " + listener + " failed", e);
            }
        }
    }
}
