package dev.skein;

import dev.skein.context.Cancellation;
import java.io.Serial;
import java.util.Collections;
import java.util.List;

/**
 * A deadline passed: the scope cancelled what was still running, waited for it to end, and reports the
 * deadline loudly instead of returning partial results silently. {@link #stillRunning()} names the
 * branches that were running at the moment the deadline fired; the branches that had succeeded keep
 * their results on their handles.
 */
public final class DeadlineExceededException extends CancelledException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String scopeName;
    private final transient List<String> stillRunning;

    /**
     * @param stillRunning the names of the branches running when the deadline fired; kept as given (not
     *     copied, so that ten thousand names need not be built unless read): pass an immutable list
     */
    public DeadlineExceededException(String scopeName, Cancellation cancellation, List<String> stillRunning) {
        super("deadline of scope '" + scopeName + "' exceeded (" + cancellation.describe()
                + "); still running then: " + names(stillRunning), cancellation);
        this.scopeName = scopeName;
        this.stillRunning = Collections.unmodifiableList(stillRunning);
    }

    private static String names(List<String> names) {
        int shown = 10;
        return names.size() <= shown ? names.toString()
                : names.subList(0, shown) + " and " + (names.size() - shown) + " more (see stillRunning())";
    }

    /** {@return the name of the scope whose deadline passed} */
    public String scopeName() {
        return scopeName;
    }

    /** {@return the names of the branches still running when the deadline fired} */
    public List<String> stillRunning() {
        return stillRunning;
    }
}
