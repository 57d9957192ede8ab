package dev.skein.quarkus.runtime.endpoints;

import dev.skein.graph.Graph;
import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.SkeinRecorder;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /q/skein/graphs}: the application's annotated graphs, sorted by name, each with its tasks drawn
 * as a Mermaid flowchart and as Graphviz DOT (the core escapes names for each format): a JSON array of
 * {@code {"name", "tasks", "mermaid", "dot"}}.
 */
public class GraphsHandler implements Handler<RoutingContext> {

    @Override
    public void handle(RoutingContext ctx) {
        JsonArray graphs = new JsonArray();
        for (Graph<Object> graph : SkeinRecorder.graphs()) {
            graphs.add(new JsonObject().put("name", Text.name(graph.name())).put("tasks", graph.tasks().size())
                    .put("mermaid", graph.toMermaid()).put("dot", graph.toDot()));
        }
        Responses.json(ctx, graphs.encode());
    }
}
