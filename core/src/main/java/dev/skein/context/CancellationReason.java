package dev.skein.context;

/** Why work was cancelled. A reason travels unchanged down the tree of scopes. */
public enum CancellationReason {
    /** Someone asked: {@code Scope.cancel()} or {@code Branch.cancel()}. */
    REQUESTED,
    /** A deadline passed, in this scope or an enclosing one. */
    DEADLINE_EXCEEDED,
    /** A sibling branch failed and the scope fails fast. */
    SIBLING_FAILED,
    /** The owner of the scope was interrupted while it waited in {@code join}. */
    OWNER_INTERRUPTED,
    /** The scope was closed before its branches ended (its owner left without joining, or failed). */
    SCOPE_CLOSED
}
