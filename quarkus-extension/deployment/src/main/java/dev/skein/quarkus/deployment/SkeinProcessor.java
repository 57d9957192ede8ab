package dev.skein.quarkus.deployment;

import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;

/**
 * Build steps of the Skein extension. For now the extension only announces itself; annotated graphs,
 * {@code quarkus.skein.*} configuration, health checks and Dev UI arrive with their own build steps.
 */
class SkeinProcessor {

    static final String FEATURE = "skein";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }
}
