package dev.skein.internal;

/**
 * The one bounded way Skein puts what users give it (names, throwables) into messages, dumps and logs.
 * Whatever a name holds and whatever a throwable does, the text is at most a few kilobytes and building
 * it never throws.
 *
 * <ul>
 * <li>A name (of a scope, branch, graph, task or policy) is shown up to {@value #MAX_NAME} characters;
 * a longer one is cut, with the count of what was left out.</li>
 * <li>A throwable is described by its {@code toString()} ({@code class: message} unless it overrides
 * it), up to {@value #MAX_DESCRIPTION} characters. When that throws (a hostile {@code getMessage()}: an
 * {@code Error}, even a checked exception thrown sneakily), the description says so instead.</li>
 * </ul>
 */
public final class Text {

    /** The most characters of a name that a message shows. */
    public static final int MAX_NAME = 200;
    /** The most characters of a throwable's description that a message shows. */
    public static final int MAX_DESCRIPTION = 1_000;

    private Text() {
    }

    /** {@return {@code name}, cut to {@value #MAX_NAME} characters} */
    public static String name(String name) {
        return cut(name, MAX_NAME);
    }

    /** {@return {@code t}'s {@code toString()}, cut to {@value #MAX_DESCRIPTION} characters; never throws} */
    public static String describe(Throwable t) {
        if (t == null) {
            return "null";
        }
        String text;
        try {
            text = t.toString(); // as the throwable describes itself (class: message, unless it says otherwise)
        } catch (Throwable broken) { // a hostile getMessage() or toString(): even an Error or a sneaky checked exception
            return t.getClass().getName() + " (its toString() threw " + broken.getClass().getName() + ")";
        }
        return cut(text == null ? t.getClass().getName() : text, MAX_DESCRIPTION);
    }

    /** {@return {@code text} cut to {@code max} characters (never inside a surrogate pair), saying how many were left out} */
    public static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…(" + (text.length() - end) + " more chars)";
    }
}
