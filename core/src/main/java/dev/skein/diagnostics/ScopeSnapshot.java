package dev.skein.diagnostics;

import dev.skein.internal.Text;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A scope as it was at the moment of a {@linkplain Diagnostics#snapshot() snapshot}.
 *
 * @param id a number unique to this scope within the JVM; ids grow by one per scope opened
 *     ({@link Diagnostics#lastScopeId()})
 * @param name the scope's name
 * @param kind {@code "fail-fast"} or {@code "supervisor"}
 * @param state {@code OPEN}, {@code CANCELLED}, {@code JOINING}, {@code JOINING_CANCELLED}, {@code JOINED}
 *     or {@code CLOSED}
 * @param age time since it was opened
 * @param deadlineLeft time left until its deadline, if it has one
 * @param cancellation why it was cancelled, if it was
 * @param openedAt where it was opened, if open sites are recorded
 * @param owner the owner thread
 * @param branches its branches that had not been forgotten yet (running ones always), oldest first
 */
public record ScopeSnapshot(long id, String name, String kind, String state, Duration age,
        Optional<Duration> deadlineLeft, Optional<String> cancellation, Optional<StackTraceElement> openedAt,
        String owner, List<BranchSnapshot> branches) {

    public ScopeSnapshot {
        branches = List.copyOf(branches);
    }

    /**
     * {@return this scope alone: id, name, kind, state and how many branches it has, never what lies below
     * them (a tree can be thousands of levels deep); {@link Diagnostics#toText} shows the whole tree}
     */
    @Override
    public String toString() {
        return "ScopeSnapshot[#" + id + " '" + SnapshotFormat.line(Text.name(name)) + "', " + kind
                + ", " + state + ", " + branches.size() + " branch(es)]";
    }
}
