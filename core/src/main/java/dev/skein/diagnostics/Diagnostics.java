package dev.skein.diagnostics;

import dev.skein.internal.Introspection;
import java.util.List;

/**
 * The live tree of scopes and branches, for people and tools: a dump as text or JSON, listeners for
 * leaks and stuck branches, and cancellation of a scope by id (test kits, Dev UI).
 * {@snippet :
 * System.out.println(Diagnostics.dumpText());
 * }
 *
 * A tree of any depth can be snapshot and dumped (nothing here recurses). In both dumps, names are cut to
 * 200 characters. The text has one line per scope, branch and frame: line breaks and other control
 * characters in names, cancellations and thread names are escaped ({@code \n}, <code>&#92;u0007</code>),
 * a backslash is doubled. The JSON also escapes {@code <}, {@code >}, {@code &}, U+2028, U+2029 and lone
 * surrogates, so it can be embedded in a page and read back to the very same strings.
 *
 * @implSpec Thread-safe; a snapshot is taken without stopping the scopes, so it is consistent per
 * branch, not across the whole tree.
 */
public final class Diagnostics {

    private Diagnostics() {
    }

    /** {@return the open root scopes with everything below them, oldest first} */
    public static List<ScopeSnapshot> snapshot() {
        return Introspection.snapshot();
    }

    /**
     * {@return the branches stuck now: still running though cancelled longer ago than their scope's grace, in
     * no particular order} Cheaper than {@link #snapshot()} for a health check: the tree is walked without
     * building it, and only a stuck branch's stack is read.
     */
    public static List<StuckBranch> stuckBranches() {
        return Introspection.stuckBranches();
    }

    /** {@return the live tree as indented text} */
    public static String dumpText() {
        return SnapshotFormat.text(snapshot());
    }

    /** {@return the live tree as JSON: an array of scopes} */
    public static String dumpJson() {
        return SnapshotFormat.json(snapshot());
    }

    /** {@return {@code scopes} as indented text} */
    public static String toText(List<ScopeSnapshot> scopes) {
        return SnapshotFormat.text(scopes);
    }

    /** {@return {@code scopes} as JSON} */
    public static String toJson(List<ScopeSnapshot> scopes) {
        return SnapshotFormat.json(scopes);
    }

    /**
     * Cancels the open scope with this {@linkplain ScopeSnapshot#id() id}, anywhere in the tree, as if
     * its owner had called {@code cancel()}. {@return whether such a scope was open}
     */
    public static boolean cancel(long scopeId) {
        return Introspection.cancel(scopeId);
    }

    /**
     * {@return the {@linkplain ScopeSnapshot#id() id} of the scope opened last in this JVM, or 0 before the
     * first} Ids grow by one per scope opened, so every scope opened after this call has a greater id: a test
     * kit notes it when a test starts to tell the scopes of that test from older ones.
     */
    public static long lastScopeId() {
        return Introspection.lastScopeId();
    }

    /** Registers a listener. {@return a handle whose {@code close()} removes it again} */
    public static Registration addListener(SkeinListener listener) {
        Runnable remove = Introspection.addListener(listener);
        return remove::run;
    }

    /** A registered listener; closing it removes it. */
    @FunctionalInterface
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
