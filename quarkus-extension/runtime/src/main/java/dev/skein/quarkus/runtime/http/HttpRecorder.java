package dev.skein.quarkus.runtime.http;

import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.config.HttpConfig;
import dev.skein.quarkus.runtime.config.SkeinRuntimeConfig;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.Set;

/** Applies {@code quarkus.skein.http.*} at start-up, after checking the header's name. */
@Recorder
public class HttpRecorder {

    static final String HEADER_KEY = "quarkus.skein.http.header";

    /** The characters of an HTTP token besides letters and digits (RFC 9110, section 5.6.2). */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private final RuntimeValue<SkeinRuntimeConfig> config;

    public HttpRecorder(RuntimeValue<SkeinRuntimeConfig> config) {
        this.config = config;
    }

    /** Applies the settings now, and puts the built-in ones back when the application stops. */
    public void apply(ShutdownContext shutdown) {
        HttpConfig http = config.getValue().http();
        String header = http.header();
        if (!isToken(header)) {
            throw new ConfigurationException(HEADER_KEY + ": \"" + Text.name(header) + "\" is not an HTTP header name: "
                    + "use letters, digits and " + TOKEN_SYMBOLS + " only, no spaces, e.g. \""
                    + HttpSettings.DEFAULTS.header() + "\" (the default)", Set.of(HEADER_KEY));
        }
        HttpSettings.use(new HttpSettings(header, http.server().enabled(), http.client().enabled()));
        shutdown.addShutdownTask(() -> HttpSettings.use(HttpSettings.DEFAULTS));
    }

    /** {@return whether {@code name} is an HTTP token, which a header's name must be} */
    static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letterOrDigit = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (!letterOrDigit && TOKEN_SYMBOLS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
