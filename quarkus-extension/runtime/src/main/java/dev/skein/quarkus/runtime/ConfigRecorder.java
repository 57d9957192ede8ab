package dev.skein.quarkus.runtime;

import static dev.skein.quarkus.runtime.ConfigKeys.checked;

import dev.skein.internal.Introspection;
import dev.skein.quarkus.runtime.config.ScopeOverrides;
import dev.skein.quarkus.runtime.config.SkeinRuntimeConfig;
import dev.skein.scope.ScopeConfig;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Applies the global part of {@code quarkus.skein.*} at start-up: the defaults (timeout, cap, grace) and
 * overrides of {@code @SkeinScope} calls, and whether open sites are recorded. (Graphs read their part when they are
 * built; named policies are {@link PolicyRecorder}'s.)
 */
@Recorder
public class ConfigRecorder {

    private final RuntimeValue<SkeinRuntimeConfig> config;

    public ConfigRecorder(RuntimeValue<SkeinRuntimeConfig> config) {
        this.config = config;
    }

    /**
     * Applies them now, and puts the built-in values back when the application stops.
     *
     * @param scopes the name of every scope {@code @SkeinScope} opens: a key under {@code quarkus.skein.scope}
     *        naming none of them fails the start
     */
    public void apply(Set<String> scopes, ShutdownContext shutdown) {
        SkeinRuntimeConfig c = config.getValue();
        for (String name : c.scope().keySet()) {
            if (!scopes.contains(name)) {
                String key = ConfigKeys.named("scope", name);
                throw new ConfigurationException(key + " names no @SkeinScope scope of the application (a scope is named"
                        + " by @SkeinScope(name = \"...\"), else Class.method): its scopes are " + Names.list(scopes)
                        + "; correct the name or remove the key", Set.of(key));
            }
        }
        checked(ConfigKeys.PREFIX + "cancellation-grace", () -> ScopeConfig.defaults().withCancellationGrace(c.cancellationGrace()));
        c.timeout().ifPresent(t -> checked(ConfigKeys.PREFIX + "timeout", () -> ScopeConfig.defaults().withTimeout(t)));
        c.maxConcurrency().ifPresent(m -> checked(ConfigKeys.PREFIX + "max-concurrency",
                () -> ScopeConfig.defaults().withMaxConcurrency(m)));
        Map<String, ScopeDefaults.Named> named = new HashMap<>();
        c.scope().forEach((name, overrides) -> named.put(name, named(name, overrides)));
        ScopeDefaults.use(new ScopeDefaults(c.timeout(), c.maxConcurrency().orElse(0),
                java.util.Optional.of(c.cancellationGrace()), named));
        Introspection.recordOpenSites(c.openSites().enabled());
        shutdown.addShutdownTask(() -> {
            ScopeDefaults.use(ScopeDefaults.NONE);
            Introspection.recordOpenSites(true);
        });
    }

    private static ScopeDefaults.Named named(String name, ScopeOverrides overrides) {
        String prefix = ConfigKeys.named("scope", name) + ".";
        overrides.timeout().ifPresent(t -> checked(prefix + "timeout", () -> ScopeConfig.defaults().withTimeout(t)));
        overrides.maxConcurrency().ifPresent(m -> checked(prefix + "max-concurrency",
                () -> ScopeConfig.defaults().withMaxConcurrency(m)));
        return new ScopeDefaults.Named(overrides.timeout(), overrides.maxConcurrency());
    }
}
