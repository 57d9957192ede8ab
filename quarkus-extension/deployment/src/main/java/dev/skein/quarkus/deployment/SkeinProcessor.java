package dev.skein.quarkus.deployment;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;

/**
 * The Skein extension's feature. Each concern has its own processor; every one of them that does something at
 * start-up (builds graphs, defines policies, applies configuration, installs telemetry, registers listeners)
 * returns {@link #started()}, so that Quarkus fires {@code StartupEvent} only after it: an observer of that event
 * finds Skein ready.
 */
class SkeinProcessor {

    static final String FEATURE = "skein";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** {@return the item that makes a start-up step of Skein run before {@code StartupEvent}} */
    static ServiceStartBuildItem started() {
        return new ServiceStartBuildItem(FEATURE);
    }
}
