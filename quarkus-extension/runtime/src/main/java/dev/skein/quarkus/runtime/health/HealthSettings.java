package dev.skein.quarkus.runtime.health;

import java.util.Set;

/**
 * What the health checks were configured with at start-up ({@link HealthRecorder}); {@link #NONE} before and
 * after. Only names and a flag: nothing that could hold an application's class loader.
 *
 * @param criticalBreakers the named breakers whose being open makes readiness DOWN
 * @param stuckBranchesFailLiveness whether a stuck branch makes liveness DOWN
 */
record HealthSettings(Set<String> criticalBreakers, boolean stuckBranchesFailLiveness) {

    static final HealthSettings NONE = new HealthSettings(Set.of(), false);

    private static volatile HealthSettings current = NONE;

    static HealthSettings current() {
        return current;
    }

    static void use(HealthSettings settings) {
        current = settings;
    }
}
