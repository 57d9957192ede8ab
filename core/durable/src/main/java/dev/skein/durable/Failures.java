package dev.skein.durable;

/** Failures as the journal keeps them: a line of bounded size, whatever the throwable does. */
final class Failures {

    static final int MAX = 2_000;

    private Failures() {
    }

    static String describe(Throwable t) {
        if (t == null) {
            return null;
        }
        String text;
        try {
            text = t.toString();
        } catch (Throwable broken) {
            text = t.getClass().getName() + " (its toString() threw " + broken.getClass().getName() + ")";
        }
        return cut(text == null ? t.getClass().getName() : text);
    }

    static String cut(String text) {
        if (text == null || text.length() <= MAX) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX - 1)) ? MAX - 1 : MAX;
        return text.substring(0, end) + "... (" + (text.length() - end) + " more characters)";
    }
}
