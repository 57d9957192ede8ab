package dev.skein;

import dev.skein.context.Cancellation;
import java.io.Serial;

/**
 * The work was cancelled. Cancellation is not failure: a branch that ends with this exception because
 * its scope was cancelled is reported as cancelled, never as failed. {@link #cancellation()} tells why
 * (cancelled on request, deadline exceeded, a sibling failed, ...).
 */
public class CancelledException extends SkeinException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Cancellation cancellation;

    public CancelledException(Cancellation cancellation) {
        this(cancellation.describe(), cancellation);
    }

    protected CancelledException(String message, Cancellation cancellation) {
        super(message, cancellation.cause());
        this.cancellation = cancellation;
    }

    /** {@return why the work was cancelled} */
    public Cancellation cancellation() {
        return cancellation;
    }
}
