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
