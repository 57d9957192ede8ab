package dev.skein.quarkus.deployment;

import dev.skein.quarkus.runtime.config.SkeinBuildTimeConfig;
import dev.skein.quarkus.runtime.endpoints.GraphsHandler;
import dev.skein.quarkus.runtime.endpoints.PoliciesHandler;
import dev.skein.quarkus.runtime.endpoints.RetryHandler;
import dev.skein.quarkus.runtime.endpoints.RunsHandler;
import dev.skein.quarkus.runtime.endpoints.ScopesHandler;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.vertx.http.deployment.NonApplicationRootPathBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The diagnostics endpoints {@code /q/skein/scopes}, {@code /q/skein/graphs} and {@code /q/skein/policies} (and, with
 * {@code skein-durable} in the application, {@code /q/skein/runs} and {@code POST /q/skein/runs/<id>/retry}): on in
 * dev and test mode, in production only with {@code quarkus.skein.endpoints.enabled=true}; on the management
 * interface when it is enabled, else under the non-application root of the application's port. They run on a
 * worker thread: a snapshot reads the stack of every waiting branch.
 */
class EndpointsProcessor {

    @BuildStep
    void routes(SkeinBuildTimeConfig config, LaunchModeBuildItem launchMode, NonApplicationRootPathBuildItem root,
            BuildProducer<RouteBuildItem> routes) {
        if (!config.endpoints().enabled().orElse(launchMode.getLaunchMode().isDevOrTest())) {
            return;
        }
        routes.produce(route(root, "skein/scopes", new ScopesHandler(), "Skein: the live tree of scopes"));
        routes.produce(route(root, "skein/graphs", new GraphsHandler(), "Skein: graphs as Mermaid and DOT"));
        routes.produce(route(root, "skein/policies", new PoliciesHandler(), "Skein: named policies"));
        if (QuarkusClassLoader.isClassPresentAtRuntime(JournalProcessor.DURABLE_GRAPHS)) {
            routes.produce(route(root, "skein/runs", new RunsHandler(), "Skein: runs of durable graphs"));
            routes.produce(root.routeBuilder().management().route("skein/runs/:id/retry").handler(new RetryHandler())
                    .blockingRoute().build());
        }
    }

    private static RouteBuildItem route(NonApplicationRootPathBuildItem root, String path, Handler<RoutingContext> handler,
            String title) {
        return root.routeBuilder().management().route(path).handler(handler).blockingRoute()
                .displayOnNotFoundPage(title).build();
    }
}
