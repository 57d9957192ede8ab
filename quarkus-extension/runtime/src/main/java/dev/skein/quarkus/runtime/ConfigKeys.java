package dev.skein.quarkus.runtime;

import dev.skein.internal.Text;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.Set;
import java.util.function.Supplier;

/** The keys of {@code quarkus.skein.*} as messages name them, and the core's checks of their values. */
final class ConfigKeys {

    static final String PREFIX = "quarkus.skein.";

    private ConfigKeys() {
    }

    /** {@return the key of {@code name} in the map {@code map}, e.g. {@code quarkus.skein.graph."orders"}, the name bounded} */
    static String named(String map, String name) {
        return PREFIX + map + ".\"" + Text.name(name) + "\"";
    }

    /**
     * {@return what {@code apply} returns} It runs the core's own check of a value: what the core refuses fails
     * the start, naming {@code key}.
     */
    static <X> X checked(String key, Supplier<X> apply) {
        try {
            return apply.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + ": " + e.getMessage(), Set.of(key));
        }
    }
}
