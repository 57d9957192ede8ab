package dev.skein.policy;

/** What a shared rate limit does with a call while its {@link RateLimitStore} cannot be reached. */
public enum FailDirection {
    /** Fails open: the call is admitted, as if there were no limit. */
    OPEN,
    /** Fails closed: the call is rejected with a {@code RateLimitException} whose cause is the store's failure. */
    CLOSED
}
