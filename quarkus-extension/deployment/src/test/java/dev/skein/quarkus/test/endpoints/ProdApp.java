package dev.skein.quarkus.test.endpoints;

import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusProdModeTest;
import java.util.List;

/** An application built and run as in production, with {@link PingResource} (the test class path's REST is not in it). */
final class ProdApp {

    private ProdApp() {
    }

    static QuarkusProdModeTest named(String name) {
        return new QuarkusProdModeTest()
                .withApplicationRoot(root -> root.addClasses(PingResource.class, ProdApp.class))
                .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-rest-deployment", Version.getVersion())))
                .setApplicationName(name).setApplicationVersion("0.1")
                .setRun(true);
    }
}
