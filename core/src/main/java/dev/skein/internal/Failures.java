package dev.skein.internal;

import dev.skein.BranchFailedException;
import dev.skein.CancelledException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * What the branches of one scope threw, kept until the owner learns the outcome: the failures of failed
 * branches, and the "late" throwables of cancelled branches that were more than their way of stopping.
 * Nothing recorded here is dropped: it becomes the cause or a suppressed exception of what the owner's
 * {@code join} or {@code close} throws, or, when those throw nothing, a log record.
 *
 * @implSpec Thread-safe; branches record concurrently, the owner reads after they have all ended.
 */
final class Failures {

    /** Made when the first is recorded: most scopes end with none. */
    private List<BranchFailedException.Failure> failed;
    private List<BranchFailedException.Failure> late;

    synchronized void recordFailed(String branchName, Throwable failure) {
        if (failed == null) {
            failed = new ArrayList<>(1);
        }
        failed.add(new BranchFailedException.Failure(branchName, failure));
    }

    synchronized void recordLate(String branchName, Throwable thrown) {
        if (late == null) {
            late = new ArrayList<>(1);
        }
        late.add(new BranchFailedException.Failure(branchName, thrown));
    }

    synchronized List<BranchFailedException.Failure> failed() {
        return failed == null ? List.of() : List.copyOf(failed);
    }

    synchronized List<Throwable> late() {
        if (late == null) {
            return List.of();
        }
        List<Throwable> thrown = new ArrayList<>(late.size());
        for (BranchFailedException.Failure f : late) {
            thrown.add(f.exception());
        }
        return thrown;
    }

    /** {@return every recorded throwable with its branch: failures first, then late ones} */
    synchronized List<BranchFailedException.Failure> all() {
        List<BranchFailedException.Failure> all = new ArrayList<>();
        if (failed != null) {
            all.addAll(failed);
        }
        if (late != null) {
            all.addAll(late);
        }
        return all;
    }

    /**
     * Whether what a cancelled branch threw must reach the owner: anything but a plain way of stopping,
     * and also a cancellation that carries failures of scopes nested in the branch (suppressed on it).
     */
    static boolean carriesFailure(Throwable thrown) {
        return !isCancellationShaped(thrown) || thrown.getSuppressed().length > 0;
    }

    private static boolean isCancellationShaped(Throwable t) {
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof InterruptedIOException
                    || t instanceof ClosedByInterruptException || t instanceof CancelledException
                    || t instanceof CancellationException) {
                return true;
            }
        }
        return false;
    }
}
