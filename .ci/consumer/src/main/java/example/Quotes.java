package example;

import dev.skein.graph.Graph;
import dev.skein.graph.TaskKey;
import dev.skein.policy.Policy;
import dev.skein.scope.Scope;
import java.time.Duration;
import java.util.List;

/** What a consumer does with Skein: a policy call, a scope, a graph run. */
public final class Quotes {

    static final TaskKey<Integer> A = TaskKey.of("supplier a", Integer.class);
    static final TaskKey<Integer> B = TaskKey.of("supplier b", Integer.class);
    static final TaskKey<Integer> CHEAPEST = TaskKey.of("cheapest", Integer.class);

    private static final Policy POLICY = Policy.of(p -> p.withRetry(r -> r.withMaxRetries(1)).withTimeout(Duration.ofSeconds(5)));

    private static final Graph<Integer> GRAPH = Graph.builder("quote graph", Integer.class)
            .task(A, in -> in.input() + 3, task -> task.withPolicy(POLICY))
            .task(B, in -> in.input() + 2)
            .task(CHEAPEST, List.of(A, B), in -> Math.min(in.get(A), in.get(B)))
            .build();

    private Quotes() {
    }

    public static int cheapest(int base) throws Exception {
        int viaScope = Scope.run(cfg -> cfg.withName("quotes").withTimeout(Duration.ofSeconds(5)), scope -> {
            var a = scope.fork("supplier a", () -> POLICY.call(() -> base + 3));
            var b = scope.fork("supplier b", () -> base + 2);
            scope.join();
            return Math.min(a.resultNow(), b.resultNow());
        });
        int viaGraph = GRAPH.run(base).get(CHEAPEST);
        if (viaScope != viaGraph) {
            throw new IllegalStateException(viaScope + " != " + viaGraph);
        }
        return viaGraph;
    }
}
