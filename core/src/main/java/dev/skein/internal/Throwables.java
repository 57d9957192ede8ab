package dev.skein.internal;

/** Describing what branches throw, for messages that must be built whatever the throwable does. */
public final class Throwables {

    private Throwables() {
    }

    /**
     * {@return {@code t.toString()}, or, when that throws (a hostile {@code getMessage}, say), its class
     * name and what its {@code toString} threw} Messages built from failures never fail themselves.
     */
    public static String describe(Throwable t) {
        if (t == null) {
            return "null";
        }
        try {
            return String.valueOf(t);
        } catch (RuntimeException | StackOverflowError broken) {
            return t.getClass().getName() + " (its toString() threw " + broken.getClass().getName() + ")";
        }
    }
}
