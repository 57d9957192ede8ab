package dev.skein.internal;

import java.util.Set;

/**
 * Records where a scope was opened, so that a scope left open can be reported with its place in the
 * source. On by default; {@code -Dskein.openSites=false} turns it off (the reports then say so).
 */
final class OpenSites {

    static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("skein.openSites", "true"));
    private static final Set<String> SKEIN_FRAMES = Set.of(
            "dev.skein.internal.ScopeCore", "dev.skein.internal.OpenSites", "dev.skein.scope.Scope");
    private static final StackWalker WALKER = StackWalker.getInstance();

    private OpenSites() {
    }

    /** {@return the first frame outside Skein's scope classes, or null when disabled} */
    static StackTraceElement capture() {
        if (!ENABLED) {
            return null;
        }
        return WALKER.walk(frames -> frames
                .filter(f -> !SKEIN_FRAMES.contains(f.getClassName()))
                .findFirst()
                .map(StackWalker.StackFrame::toStackTraceElement)
                .orElse(null));
    }
}
