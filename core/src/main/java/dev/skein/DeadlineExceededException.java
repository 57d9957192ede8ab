package dev.skein;

import dev.skein.context.Cancellation;
import dev.skein.internal.Text;
import java.io.Serial;
import java.util.Collections;
import java.util.List;

/**
 * A deadline passed: the scope cancelled what was still running, waited for it to end, and reports the
 * deadline loudly instead of returning partial results silently. {@link #scopeName()} is the scope whose
 * deadline it was (the joined one, or an enclosing one whose deadline was nearer); {@link #stillRunning()}
 * names the branches of the joined scope that were running at the moment the deadline fired; the branches
 * that had succeeded keep their results on their handles.
 */
public final class DeadlineExceededException extends CancelledException {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int NAMES_SHOWN = 10;

    private final String joinedScope;
    private final transient List<String> stillRunning;

    /**
     * @param cancellation the deadline's cancellation, whose origin is the scope that set the deadline
     * @param joinedScope the scope whose branches it cut short
     * @param stillRunning the names of the branches running when the deadline fired; kept as given (not
     *     copied, so that ten thousand names need not be built unless read): pass an immutable list
     */
    public DeadlineExceededException(Cancellation cancellation, String joinedScope, List<String> stillRunning) {
        super(cancellation);
        this.joinedScope = joinedScope;
        this.stillRunning = Collections.unmodifiableList(stillRunning);
    }

    /** {@return the name of the scope whose deadline passed} */
    public String scopeName() {
        return cancellation().origin();
    }

    /** {@return the names of the branches still running when the deadline fired} */
    public List<String> stillRunning() {
        return stillRunning;
    }

    /** {@return which deadline passed, and the first few branches it cut short; bounded in size} */
    @Override
    public String getMessage() {
        if (cancellation() == null) { // deserialized: the cancellation is not serialized
            return null;
        }
        StringBuilder s = new StringBuilder("deadline of scope '").append(Text.name(scopeName())).append("' exceeded");
        if (joinedScope != null && !joinedScope.equals(scopeName())) {
            s.append(" (an enclosing scope of '").append(Text.name(joinedScope)).append("')");
        }
        s.append("; still running then: [");
        int shown = Math.min(NAMES_SHOWN, stillRunning.size());
        for (int i = 0; i < shown; i++) {
            s.append(i == 0 ? "" : ", ").append(Text.name(stillRunning.get(i)));
        }
        s.append(']');
        if (stillRunning.size() > shown) {
            s.append(" and ").append(stillRunning.size() - shown).append(" more (see stillRunning())");
        }
        return s.toString();
    }
}
