package dev.skein.quarkus.runtime.health;

import dev.skein.quarkus.runtime.Names;
import dev.skein.quarkus.runtime.config.HealthConfig;
import dev.skein.quarkus.runtime.config.SkeinRuntimeConfig;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Checks {@code quarkus.skein.health.*} at start-up, after the named policies are defined, and hands it to the checks. */
@Recorder
public class HealthRecorder {

    static final String CRITICAL_BREAKERS = "quarkus.skein.health.critical-breakers";

    private final RuntimeValue<SkeinRuntimeConfig> config;

    public HealthRecorder(RuntimeValue<SkeinRuntimeConfig> config) {
        this.config = config;
    }

    /**
     * Applies the settings, and forgets them when the application stops (dev mode starts it again).
     * @throws ConfigurationException if a critical breaker names no named policy with a circuit breaker
     */
    public void configure(ShutdownContext shutdown) {
        HealthConfig health = config.getValue().health();
        Set<String> critical = new LinkedHashSet<>(health.criticalBreakers().orElse(List.of()));
        Set<String> known = Breakers.names();
        List<String> unknown = critical.stream().filter(name -> !known.contains(name)).toList();
        if (!unknown.isEmpty()) {
            throw new ConfigurationException(CRITICAL_BREAKERS + " names " + Names.list(unknown) + ", which "
                    + (unknown.size() == 1 ? "is" : "are") + " not a named policy with a circuit breaker; the breakers"
                    + " defined at start-up are " + Names.list(known) + ". Correct the name, or give the policy a breaker"
                    + " (quarkus.skein.policy.\"<name>\".circuit-breaker.enabled=true)", Set.of(CRITICAL_BREAKERS));
        }
        HealthSettings.use(new HealthSettings(Set.copyOf(critical), health.stuckBranchesFailLiveness()));
        shutdown.addShutdownTask(() -> HealthSettings.use(HealthSettings.NONE));
    }
}
