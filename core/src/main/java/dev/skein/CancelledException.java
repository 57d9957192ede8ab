package dev.skein;

import dev.skein.context.Cancellation;
import java.io.Serial;

/**
 * The work was cancelled. Cancellation is not failure: a branch that ends with this exception because
 * its scope was cancelled is reported as cancelled, never as failed. {@link #cancellation()} tells why
 * (cancelled on request, deadline exceeded, a sibling failed, ...), and its cause, if any, is this
 * exception's {@linkplain #getCause() cause}.
 *
 * <p>The message is built from the cancellation when it is read, not when the exception is made: a
 * hundred siblings cancelled by one failure share that failure instead of each copying its text.
 */
public class CancelledException extends SkeinException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Cancellation cancellation;

    public CancelledException(Cancellation cancellation) {
        super(null, cancellation.cause());
        this.cancellation = cancellation;
    }

    /** {@return why the work was cancelled} */
    public Cancellation cancellation() {
        return cancellation;
    }

    /** {@return {@link Cancellation#describe()}, bounded in size} */
    @Override
    public String getMessage() {
        return cancellation == null ? null : cancellation.describe();
    }
}
