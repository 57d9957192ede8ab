package dev.skein;

import dev.skein.internal.Text;
import java.io.Serial;
import java.util.List;

/**
 * One or more branches of a scope failed. The {@linkplain #getCause() cause} is the first failure (by
 * the time it was recorded); every other failure is both {@linkplain #getSuppressed() suppressed} on this
 * exception and listed in {@link #failures()}, so none is lost.
 *
 * <p>An {@link Error} thrown by a branch arrives here too, as the cause: see {@code docs/concepts.md},
 * "Errors".
 */
public final class BranchFailedException extends SkeinException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String scopeName;
    private final transient List<Failure> failures;

    /** One failed branch: its name and what it threw. */
    public record Failure(String branchName, Throwable exception) {
    }

    public BranchFailedException(String scopeName, List<Failure> failures) {
        super(message(scopeName, failures), failures.getFirst().exception());
        this.scopeName = scopeName;
        this.failures = List.copyOf(failures);
        for (Failure later : this.failures.subList(1, this.failures.size())) {
            addSuppressed(later.exception());
        }
    }

    /** {@return the name of the scope whose branches failed} */
    public String scopeName() {
        return scopeName;
    }

    /** {@return every failure, first one first} */
    public List<Failure> failures() {
        return failures;
    }

    /** {@return the name of the branch that failed first} */
    public String branchName() {
        return failures.getFirst().branchName();
    }

    private static String message(String scopeName, List<Failure> failures) {
        Failure first = failures.getFirst();
        String more = failures.size() == 1 ? "" : " (and " + (failures.size() - 1) + " more, suppressed)";
        return "branch '" + Text.name(first.branchName()) + "' of scope '" + Text.name(scopeName) + "' failed: "
                + Text.describe(first.exception())
                + more;
    }
}
