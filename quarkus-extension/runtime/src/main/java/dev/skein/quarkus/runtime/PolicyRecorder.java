package dev.skein.quarkus.runtime;

import dev.skein.policy.OverrideSource;
import dev.skein.policy.Policies;
import dev.skein.quarkus.runtime.config.SkeinRuntimeConfig;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import java.util.List;

/** Defines the named policies of {@code quarkus.skein.policy} at start-up, before the graphs that name them are built. */
@Recorder
public class PolicyRecorder {

    private final RuntimeValue<SkeinRuntimeConfig> config;

    public PolicyRecorder(RuntimeValue<SkeinRuntimeConfig> config) {
        this.config = config;
    }

    /** Defines them, and forgets them when the application stops (dev mode starts it again). */
    public void defineNamedPolicies(ShutdownContext shutdown) {
        List<String> defined = NamedPolicies.define(config.getValue().policy());
        shutdown.addShutdownTask(() -> {
            defined.forEach(Policies::remove);
            Policies.useOverrides(OverrideSource.systemProperties());
        });
    }
}
