package dev.skein.internal;

import java.lang.StackWalker.StackFrame;
import java.security.CodeSource;
import java.util.Iterator;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Records where a scope was opened, so that a scope left open can be reported with its place in the
 * source: the first frame that is not Skein's own (skein-core's, or the Quarkus extension's runtime
 * machinery), so a graph run or an intercepted method is reported where it was called, not inside Skein (a scope
 * configured {@code withOpenedAt}, as the Quarkus extension does for intercepted methods and annotated graphs, is not
 * walked for). On by default; {@code -Dskein.openSites=false} turns it off (the reports then
 * say so).
 */
final class OpenSites {

    /** Set from {@code -Dskein.openSites}, or by a framework's configuration (see {@link Introspection#recordOpenSites}). */
    static volatile boolean enabled = !"false".equalsIgnoreCase(System.getProperty("skein.openSites", "true"));
    /**
     * The frames a walk fetches at first: Skein's own frames above a graph run or an intercepted method are about
     * ten, more than the JDK's default first batch of 8, which would cost a second batch.
     */
    private static final int FIRST_BATCH = 16;
    private static final StackWalker WALKER = StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE),
            FIRST_BATCH);
    private static final CodeSource SKEIN = codeSourceOf(OpenSites.class);
    private static final String EXTENSION_RUNTIME = "dev.skein.quarkus.runtime.";
    /** Whether a {@code dev.skein.} class is skein-core's own: loaded from the same jar (or classes directory) as this one. */
    private static final ClassValue<Boolean> CORE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return SKEIN != null && Objects.equals(codeSourceOf(type), SKEIN);
        }
    };
    /** The first frame that is not Skein's own, as a plain loop: lighter than a stream pipeline, at run and JIT time. */
    private static final Function<Stream<StackFrame>, StackTraceElement> FIRST_NOT_OWN = frames -> {
        for (Iterator<StackFrame> i = frames.iterator(); i.hasNext();) {
            StackFrame frame = i.next();
            if (!isOwn(frame.getDeclaringClass())) {
                return frame.toStackTraceElement();
            }
        }
        return null;
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

    /** Whether {@code type} is Skein's own; the name first, which is cheaper to read than the code source. */
    private static boolean isOwn(Class<?> type) {
        String name = type.getName();
        return name.startsWith(EXTENSION_RUNTIME) // the Quarkus extension's machinery (@SkeinScope)
                || name.startsWith("dev.skein.") && CORE.get(type);
    }

    /** {@return the first frame that is not Skein's own, or null when disabled or there is none} */
    static StackTraceElement capture() {
        return enabled ? WALKER.walk(FIRST_NOT_OWN) : null;
    }
}
