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
     * breaker refused it and no attempt ran before: a Skein policy adds the failures of the attempts that ran to
     * its rejection of a retry, as suppressed exceptions. A first attempt may have failed after it reached the
     * service (which then died before it answered); the retry the opened breaker refused says nothing of it.
     */
    static boolean refusedByTheBreakerOnly(Throwable failure) {
        return find(failure, CircuitBreakerOpenException.class).filter(refused -> refused.getSuppressed().length == 0).isPresent();
    }
}
