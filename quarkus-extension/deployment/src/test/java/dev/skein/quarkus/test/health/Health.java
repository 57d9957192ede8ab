package dev.skein.quarkus.test.health;

import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import java.util.List;

/** The application of a health test: with {@code quarkus-smallrye-health}, which the other tests do without. */
final class Health {

    private Health() {
    }

    static QuarkusUnitTest app() {
        return new QuarkusUnitTest().withApplicationRoot(root -> root.addClasses(Health.class, Stubborn.class))
                .setForcedDependencies(List.of(
                Dependency.of("io.quarkus", "quarkus-smallrye-health-deployment", Version.getVersion())));
    }
}
