package dev.skein.internal;

/**
 * The one bounded way Skein puts what users give it (names, throwables) into messages, dumps and logs.
 * Whatever a name holds and whatever a throwable does, the text is at most a few kilobytes and building
 * it never throws.
 *
 * <ul>
 * <li>A name (of a scope, branch, graph, task or policy) is shown up to {@value #MAX_NAME} characters;
 * a longer one is cut, with the count of what was left out.</li>
 * <li>A throwable is described as {@code class: message}, up to {@value #MAX_DESCRIPTION} characters.
 * When its {@code getMessage()} throws (an {@code Error}, even a checked exception thrown sneakily),
 * the description says so instead.</li>
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

    /**
     * {@return {@code t} as {@code class: message} (its class name alone without a message), cut to
     * {@value #MAX_DESCRIPTION} characters; never throws}
     */
    public static String describe(Throwable t) {
        if (t == null) {
            return "null";
        }
        String type = t.getClass().getName();
        String message;
        try {
            message = t.getLocalizedMessage();
        } catch (Throwable broken) { // a hostile getMessage(): even an Error or a sneaky checked exception
            return type + " (its getMessage() threw " + broken.getClass().getName() + ")";
        }
        return cut(message == null ? type : type + ": " + message, MAX_DESCRIPTION);
    }

    /** {@return {@code text} cut to {@code max} characters (never inside a surrogate pair), saying how many were left out} */
    static String cut(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…(" + (text.length() - end) + " more chars)";
    }
}
