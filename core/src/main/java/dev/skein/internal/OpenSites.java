package dev.skein.internal;

import java.security.CodeSource;
import java.util.Objects;

/**
 * Records where a scope was opened, so that a scope left open can be reported with its place in the
 * source: the first frame that is not Skein's own (skein-core's, or the Quarkus extension's runtime
 * machinery), so a graph run or an intercepted method is reported where it was called, not inside Skein. On by default; {@code -Dskein.openSites=false} turns it off (the reports then
 * say so).
 */
final class OpenSites {

    /** Set from {@code -Dskein.openSites}, or by a framework's configuration (see {@link Introspection#recordOpenSites}). */
    static volatile boolean enabled = !"false".equalsIgnoreCase(System.getProperty("skein.openSites", "true"));
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource SKEIN = codeSourceOf(OpenSites.class);
    private static final String EXTENSION_RUNTIME = "dev.skein.quarkus.runtime.";
    /** Whether a class is skein-core's own: loaded from the same jar (or classes directory) as this one. */
    private static final ClassValue<Boolean> OWN = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.getName().startsWith(EXTENSION_RUNTIME) // the Quarkus extension's machinery (@SkeinScope)
                    || type.getName().startsWith("dev.skein.") && SKEIN != null && Objects.equals(codeSourceOf(type), SKEIN);
        }
    };

    private OpenSites() {
    }

    private static CodeSource codeSourceOf(Class<?> type) {
        try {
            return type.getProtectionDomain().getCodeSource();
        } catch (RuntimeException unavailable) {
            return null;
        }
    }

    /** {@return the first frame outside skein-core, or null when disabled or there is none} */
    static StackTraceElement capture() {
        if (!enabled) {
            return null;
        }
        return WALKER.walk(frames -> frames
                .filter(f -> !OWN.get(f.getDeclaringClass()))
                .findFirst()
                .map(StackWalker.StackFrame::toStackTraceElement)
                .orElse(null));
    }
}
