package dev.skein.policy;

/**
 * The value a call gives when it failed, after every retry. Not used for cancellation, which always
 * propagates.
 *
 * @param <T> the type of the call's result
 */
@FunctionalInterface
public interface Fallback<T> {

    /** {@return the value to use instead} Throwing fails the call with what it throws. */
    T recover(Throwable failure) throws Exception;
}
