package dev.skein.context;

import dev.skein.CancelledException;
import dev.skein.DeadlineExceededException;
import dev.skein.internal.Current;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The context of the running branch: its deadline, whether it has been cancelled (and why), and the
 * typed values its scopes carry. Every branch sees the context of its scope; a nested scope inherits its
 * parent's and the nearest deadline wins. Outside any branch, {@link #current()} is the empty root
 * context: no deadline, never cancelled, no values.
 *
 * <p>Code that blocks is interrupted on cancellation; code that computes without blocking polls:
 * {@snippet :
 * for (Item item : items) {
 *     SkeinContext.current().throwIfCancelled();
 *     process(item);
 * }
 * }
 *
 * @implSpec A context is a read-only view. It is safe to share between threads, and it is always
 * up to date: {@link #isCancelled()} turns true the moment the branch or any enclosing scope is
 * cancelled. Skein implements this interface; users do not.
 */
public interface SkeinContext {

    /** {@return the context of the calling thread's branch, or the root context outside any branch} */
    static SkeinContext current() {
        return Current.context();
    }

    /** {@return the deadline, if this context or an enclosing one has one} */
    Optional<Instant> deadline();

    /** {@return the time left until the deadline (zero once passed), if there is a deadline} */
    Optional<Duration> remaining();

    /** {@return whether this branch, its scope or an enclosing scope was cancelled} */
    boolean isCancelled();

    /** {@return why the work was cancelled, if it was} */
    Optional<Cancellation> cancellation();

    /**
     * Throws {@link CancelledException} (or its subtype {@code DeadlineExceededException}) if the work
     * was cancelled; returns otherwise. For code that computes without blocking.
     */
    default void throwIfCancelled() {
        Optional<Cancellation> cancellation = cancellation();
        if (cancellation.isPresent()) {
            Cancellation why = cancellation.get();
            throw why.reason() == CancellationReason.DEADLINE_EXCEEDED
                    ? new DeadlineExceededException(why, why.origin(), List.of())
                    : new CancelledException(why);
        }
    }

    /** {@return the value bound to {@code key} by this scope or an enclosing one} */
    <T> Optional<T> get(ContextKey<T> key);
}
