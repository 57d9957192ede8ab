package dev.skein.quarkus.runtime.endpoints;

import dev.skein.durable.DurableGraphs;
import dev.skein.internal.Text;
import io.quarkus.runtime.LaunchMode;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * {@code POST /q/skein/runs/<id>/retry}: compensates a parked run again, once its cause is fixed
 * ({@code DurableGraphs.retry}); answers 202 with the run, 409 if the run is not parked, 404 if the journal has no such
 * run. It runs compensations on a request, so it is on in dev mode only, elsewhere with
 * {@code quarkus.skein.journal.endpoints.retry-enabled=true} (403 otherwise).
 */
public class RetryHandler implements Handler<RoutingContext> {

    static final String ENABLED = "quarkus.skein.journal.endpoints.retry-enabled";

    @Override
    public void handle(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.POST) {
            ctx.response().setStatusCode(405).putHeader("Allow", "POST").end();
            return;
        }
        boolean enabled = ConfigProvider.getConfig().getOptionalValue(ENABLED, Boolean.class)
                .orElse(LaunchMode.current() == LaunchMode.DEVELOPMENT);
        if (!enabled) {
            ctx.response().setStatusCode(403).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end("retrying a parked run is off outside dev mode: set " + ENABLED + "=true\n");
            return;
        }
        Optional<DurableGraphs> durable = RunsHandler.journal(ctx);
        if (durable.isEmpty()) {
            return;
        }
        String id = ctx.pathParam("id");
        try {
            if (durable.get().retry(id)) {
                ctx.response().setStatusCode(202);
                Responses.json(ctx, RunsHandler.json(durable.get().run(id).orElseThrow()).encode());
            } else if (durable.get().run(id).isEmpty()) {
                ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=UTF-8")
                        .end("the journal has no run " + Text.name(id) + "\n");
            } else {
                ctx.response().setStatusCode(409);
                Responses.json(ctx, RunsHandler.json(durable.get().run(id).orElseThrow())
                        .put("error", "only a PARKED run is retried").encode());
            }
        } catch (Exception e) {
            ctx.response().setStatusCode(503).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end("the journal could not be read: " + Text.describe(e) + "\n");
        }
    }
}
