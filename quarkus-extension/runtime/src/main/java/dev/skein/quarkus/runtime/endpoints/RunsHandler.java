package dev.skein.quarkus.runtime.endpoints;

import dev.skein.durable.DurableGraphs;
import dev.skein.durable.DurableRun;
import dev.skein.durable.RunStatus;
import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.DurableJournal;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /q/skein/runs}: the runs of durable graphs that the journal has, oldest first, as a JSON array of
 * {@code {"id", "graph", "graphVersion", "owner", "status", "outcome", "reason", "startedAt", "endedAt", "tasks"}}
 * (each task {@code {"name", "outcome", "failure", "compensation", "compensationFailure"}}). {@code ?status=PARKED}
 * (or several, comma-separated) chooses the statuses, by default {@code RUNNING,RECOVERING,PARKED}: the runs that
 * are not over; {@code ?limit} bounds the runs of each status (default 100, at most 1000). 404 while the journal is
 * off.
 */
public class RunsHandler implements Handler<RoutingContext> {

    static final int LIMIT = 100;
    static final int MOST = 1000;

    @Override
    public void handle(RoutingContext ctx) {
        Optional<DurableGraphs> durable = journal(ctx);
        if (durable.isEmpty()) {
            return;
        }
        List<RunStatus> statuses = new ArrayList<>();
        String status = ctx.request().getParam("status");
        try {
            for (String s : status == null ? new String[] {"RUNNING", "RECOVERING", "PARKED"} : status.split(",")) {
                statuses.add(RunStatus.valueOf(s.trim().toUpperCase(java.util.Locale.ROOT)));
            }
        } catch (IllegalArgumentException e) {
            badRequest(ctx, "status must be one or more of " + Arrays.toString(RunStatus.values()) + ", comma-separated");
            return;
        }
        int limit;
        try {
            String l = ctx.request().getParam("limit");
            limit = l == null ? LIMIT : Integer.parseInt(l);
        } catch (NumberFormatException e) {
            limit = 0;
        }
        if (limit < 1 || limit > MOST) {
            badRequest(ctx, "limit must be a number from 1 to " + MOST);
            return;
        }
        JsonArray runs = new JsonArray();
        try {
            for (RunStatus s : statuses) {
                for (DurableRun run : durable.get().runs(s, limit)) {
                    runs.add(json(run));
                }
            }
        } catch (Exception e) {
            ctx.response().setStatusCode(503).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end("the journal could not be read: " + Text.describe(e) + "\n");
            return;
        }
        Responses.json(ctx, runs.encode());
    }

    /** {@return the running journal} Else the caller has been answered 404, saying how to turn it on. */
    static Optional<DurableGraphs> journal(RoutingContext ctx) {
        Optional<DurableGraphs> durable = DurableJournal.current();
        if (durable.isEmpty()) {
            ctx.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=UTF-8")
                    .end("the journal of durable graphs is off: set quarkus.skein.journal.enabled=true\n");
        }
        return durable;
    }

    static void badRequest(RoutingContext ctx, String why) {
        ctx.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=UTF-8").end(why + "\n");
    }

    static JsonObject json(DurableRun run) {
        JsonArray tasks = new JsonArray();
        for (DurableRun.Task t : run.tasks()) {
            tasks.add(new JsonObject().put("name", Text.name(t.name())).put("outcome", t.outcome())
                    .put("failure", t.failure().orElse(null)).put("compensation", t.compensation().orElse(null))
                    .put("compensationFailure", t.compensationFailure().orElse(null)));
        }
        return new JsonObject().put("id", run.id()).put("graph", Text.name(run.graph())).put("graphVersion", run.graphVersion())
                .put("owner", run.owner()).put("status", run.status().name()).put("outcome", run.outcome().orElse(null))
                .put("reason", run.reason().orElse(null)).put("startedAt", run.startedAt().toString())
                .put("endedAt", run.endedAt().map(Object::toString).orElse(null)).put("tasks", tasks);
    }
}
