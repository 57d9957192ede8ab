package dev.skein.internal;

/**
 * The one rule for calling code that is not Skein's (listeners, span processors and exporters behind the
 * OpenTelemetry API, context carriers, span-name functions): whatever it throws, an {@link Error} or a
 * checked exception thrown sneakily included, is logged on {@code dev.skein} at WARNING and goes no
 * further. Skein acts first (cancels, closes, interrupts, deregisters) and calls out afterwards, so what
 * a callback does can never undo a guarantee.
 *
 * <p>Hot paths (a branch's start and end) catch inline and hand the throwable to {@link #failed}; other
 * calls go through {@link #run}.
 */
public final class Callbacks {

    private static final System.Logger LOG = System.getLogger("dev.skein");

    private Callbacks() {
    }

    /** Calls {@code callback}, isolated; {@code what} names it in the log if it throws. */
    public static void run(String what, Runnable callback) {
        try {
            callback.run();
        } catch (Throwable t) {
            failed(what, t);
        }
    }

    /** Logs that the callback {@code what} threw {@code t}. Never throws, whatever {@code t} does. */
    public static void failed(String what, Throwable t) {
        String message = what + " threw; Skein goes on without it";
        try {
            LOG.log(System.Logger.Level.WARNING, message, t); // the record prints the throwable itself
        } catch (Throwable printing) { // the throwable's own methods may throw while it is printed
            try {
                LOG.log(System.Logger.Level.WARNING, message + ": " + Text.describe(t) + " (its stack trace could not be printed)");
            } catch (Throwable ignored) { // no stack or memory left even for that: nothing more can be done
            }
        }
    }
}
