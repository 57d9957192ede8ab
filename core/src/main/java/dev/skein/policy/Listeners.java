package dev.skein.policy;

import dev.skein.internal.Callbacks;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The registered {@link PolicyListener}s. Each is called through the one isolating rule of
 * {@link Callbacks}: whatever it throws, an {@link Error} included, is logged and changes nothing about
 * the call (its rejection, its retries, its result or failure), nor about the breaker's transitions,
 * and the listeners after it are still called.
 */
final class Listeners {

    static final List<PolicyListener> ALL = new CopyOnWriteArrayList<>();

    private Listeners() {
    }

    static void breakerStateChange(Policy policy, CircuitBreakerState state) {
        each("onBreakerStateChange", l -> l.onBreakerStateChange(policy, state));
    }

    static void rejection(Policy policy, PolicyListener.Rejection rejection) {
        each("onRejection", l -> l.onRejection(policy, rejection));
    }

    static void retry(Policy policy) {
        each("onRetry", l -> l.onRetry(policy));
    }

    static void timeout(Policy policy) {
        each("onTimeout", l -> l.onTimeout(policy));
    }

    static void waitForPermit(Policy policy, long millis) {
        each("onWaitForPermit", l -> l.onWaitForPermit(policy, millis));
    }

    static void storeUnreachable(Policy policy, FailDirection direction, Throwable failure) {
        each("onStoreUnreachable", l -> l.onStoreUnreachable(policy, direction, failure));
    }

    private static void each(String event, Consumer<PolicyListener> call) {
        for (PolicyListener listener : ALL) {
            try {
                call.accept(listener);
            } catch (Throwable t) { // inline, as Callbacks asks of hot paths; named by class: toString() is the listener's code
                Callbacks.failed("policy listener " + listener.getClass().getName() + "." + event, t);
            }
        }
    }
}
