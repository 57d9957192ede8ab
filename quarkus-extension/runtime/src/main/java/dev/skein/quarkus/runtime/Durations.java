package dev.skein.quarkus.runtime;

import dev.skein.internal.Text;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;

/** The one reading of a duration written in an annotation ({@code @Task(timeout = "2s")}, {@code @SkeinScope(timeout = ...)}). */
public final class Durations {

    private Durations() {
    }

    /**
     * {@return {@code text} as a duration, written as Quarkus configuration writes durations}
     *
     * @param what what the value is, for the message (e.g. {@code timeout})
     * @throws IllegalArgumentException naming {@code what}, the value and the forms it may take, if it is none
     *     of them or is not positive
     */
    public static Duration positive(String what, String text) {
        Duration parsed;
        try {
            parsed = DurationConverter.parseDuration(text.strip());
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (parsed == null || parsed.isNegative() || parsed.isZero()) {
            throw new IllegalArgumentException(what + " \"" + Text.name(text) + "\" is not "
                    + (parsed == null ? "a duration" : "a positive duration") + ": write it as Quarkus configuration "
                    + "writes durations, e.g. \"2s\", \"500ms\" or \"PT1M\"");
        }
        return parsed;
    }
}
