package dev.skein.quarkus.test.http;

import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import java.util.ArrayList;
import java.util.List;

/** The application the HTTP tests share: the two endpoints and the REST Client (forced in for these tests only). */
final class HttpApp {

    private HttpApp() {
    }

    /** {@return the application, with {@code more} classes in it} */
    static QuarkusUnitTest app(Class<?>... more) {
        return app(List.of(), more);
    }

    /** {@return the application, with {@code more} classes and the deployment artifacts {@code extensions} of io.quarkus} */
    static QuarkusUnitTest app(List<String> extensions, Class<?>... more) {
        List<Dependency> forced = new ArrayList<>();
        forced.add(Dependency.of("io.quarkus", "quarkus-rest-client-deployment", Version.getVersion()));
        extensions.forEach(e -> forced.add(Dependency.of("io.quarkus", e, Version.getVersion())));
        return new QuarkusUnitTest()
                .withApplicationRoot(root -> root.addClasses(BudgetResource.class, CalleeClient.class, HttpApp.class).addClasses(more))
                .overrideConfigKey("quarkus.rest-client.callee.url", "http://localhost:${quarkus.http.test-port:8081}")
                .setForcedDependencies(forced);
    }
}
