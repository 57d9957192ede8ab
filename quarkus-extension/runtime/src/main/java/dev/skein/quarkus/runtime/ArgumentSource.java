package dev.skein.quarkus.runtime;

import java.util.Optional;

/**
 * Where one argument of a task, condition, compensation or fallback method comes from, as the build records
 * it and {@link Arguments} reads it: {@link #INPUT}, {@link #FAILURE}, {@link #result} or {@link #optionalResult}.
 * The one definition of that text.
 */
public final class ArgumentSource {

    /** The run's input (a {@code @GraphInput} parameter). */
    public static final String INPUT = "input";
    /** Why the task did not succeed (the {@code Throwable} of an uncertain compensation or a fallback). */
    public static final String FAILURE = "failure";

    private static final String RESULT = "task:";
    private static final String OPTIONAL_RESULT = "optional:";

    private ArgumentSource() {
    }

    /** {@return the source of the result of task {@code task}, which it must have} */
    public static String result(String task) {
        return RESULT + task;
    }

    /** {@return the source of an {@code Optional} of the result of task {@code task}} */
    public static String optionalResult(String task) {
        return OPTIONAL_RESULT + task;
    }

    /** {@return the task whose result {@code source} takes, if it takes one} */
    public static Optional<String> task(String source) {
        if (source.startsWith(RESULT)) {
            return Optional.of(source.substring(RESULT.length()));
        }
        if (source.startsWith(OPTIONAL_RESULT)) {
            return Optional.of(source.substring(OPTIONAL_RESULT.length()));
        }
        return Optional.empty();
    }

    /** {@return whether {@code source} takes an {@code Optional} of a task's result} */
    public static boolean isOptional(String source) {
        return source.startsWith(OPTIONAL_RESULT);
    }
}
