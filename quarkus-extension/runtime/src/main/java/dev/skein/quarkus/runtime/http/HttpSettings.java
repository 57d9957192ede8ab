package dev.skein.quarkus.runtime.http;

import java.util.Objects;

/**
 * What {@code quarkus.skein.http.*} says, in force from start-up ({@link HttpRecorder}) until the application
 * stops, when the built-in values come back.
 *
 * @param header the header that carries the budget, a checked HTTP token
 * @param server whether endpoints take an incoming budget
 * @param client whether REST Client calls send theirs
 */
record HttpSettings(String header, boolean server, boolean client) {

    /** The built-in values. */
    static final HttpSettings DEFAULTS = new HttpSettings("Skein-Budget-Ms", true, true);

    private static volatile HttpSettings current = DEFAULTS;

    HttpSettings {
        Objects.requireNonNull(header, "header");
    }

    /** {@return the settings in force} */
    static HttpSettings current() {
        return current;
    }

    /** Makes {@code settings} apply from now on. */
    static void use(HttpSettings settings) {
        current = Objects.requireNonNull(settings, "settings");
    }
}
