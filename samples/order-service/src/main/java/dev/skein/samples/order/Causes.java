package dev.skein.samples.order;

import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

/** Looks for an exception of a type among a failure and its causes. */
final class Causes {

    private Causes() {
    }

    /** {@return the first of {@code failure} and its causes that is a {@code type}} */
    static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /**
     * {@return whether the call that ended in {@code failure} never left this service} True when an open circuit
     * breaker refused it, and refused every attempt before it too: a Skein policy keeps the failures of earlier
     * attempts as the last one's suppressed exceptions. A first attempt may have failed after it reached the
     * service (which then died before it answered); the retry the opened breaker refused says nothing of it.
     */
    static boolean refusedByTheBreakerOnly(Throwable failure) {
        Optional<CircuitBreakerOpenException> refused = find(failure, CircuitBreakerOpenException.class);
        if (refused.isEmpty()) {
            return false;
        }
        for (Throwable earlier : refused.get().getSuppressed()) {
            if (!(earlier instanceof CircuitBreakerOpenException)) {
                return false;
            }
        }
        return true;
    }
}
