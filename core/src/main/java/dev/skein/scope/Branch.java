package dev.skein.scope;

import dev.skein.context.Cancellation;
import java.util.Optional;

/**
 * A handle on a forked branch: its name, its state and, once it has ended, its result or failure.
 * Handles stay readable after {@link Scope#join()}, also when the scope failed or its deadline passed:
 * the branches that succeeded keep their results (partial results).
 *
 * <pre>
 *            +-- body returned --------------------------> SUCCEEDED
 *  RUNNING --+-- body threw (not cancelled, or an Error) -> FAILED
 *            +-- cancelled, then ended by throwing -------> CANCELLED
 * </pre>
 *
 * A branch cancelled before its body started never runs it and is {@code CANCELLED}. A cancelled branch
 * whose body still returns a value is {@code SUCCEEDED}: the value is real.
 *
 * @implSpec Thread-safe. The end of a branch (its result or failure) happens-before {@link #state()}
 * returns a terminal state.
 * @param <T> the type of the branch's result
 */
public interface Branch<T> {

    /** The life of a branch. */
    enum State {
        /** Forked and not yet ended. */
        RUNNING,
        /** The body returned a value. */
        SUCCEEDED,
        /** The body threw, and the branch had not been cancelled (an {@link Error} always fails). */
        FAILED,
        /** The branch was cancelled and ended, or was cancelled before it started. */
        CANCELLED;

        /** {@return whether the branch has ended} */
        public boolean isDone() {
            return this != RUNNING;
        }
    }

    /** {@return the branch's name, unique enough to read in a dump} */
    String name();

    /** {@return the current state} */
    State state();

    /**
     * {@return the value the body returned}
     * @throws IllegalStateException if the branch did not succeed (the message says its state)
     */
    T resultNow();

    /**
     * {@return what the body threw}
     * @throws IllegalStateException if the branch did not fail
     */
    Throwable failureNow();

    /** {@return why the branch or its scope was cancelled, if it was} */
    Optional<Cancellation> cancellation();

    /**
     * Cancels this branch alone: it is interrupted (and every scope nested in it cancelled), and it ends
     * as {@code CANCELLED}. The scope does not fail because of it. Does nothing once the branch has ended.
     */
    void cancel();
}
