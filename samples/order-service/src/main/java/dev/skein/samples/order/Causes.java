package dev.skein.samples.order;

import java.util.Optional;

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
}
