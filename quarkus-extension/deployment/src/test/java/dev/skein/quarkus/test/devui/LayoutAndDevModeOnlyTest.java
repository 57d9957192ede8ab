package dev.skein.quarkus.test.devui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.skein.graph.Graph;
import dev.skein.graph.TaskKey;
import dev.skein.quarkus.runtime.SkeinRecorder;
import dev.skein.quarkus.runtime.devui.GraphLayout;
import dev.skein.quarkus.runtime.devui.GraphLayout.Arrow;
import dev.skein.quarkus.runtime.devui.GraphLayout.Box;
import dev.skein.quarkus.runtime.devui.RecentRuns;
import dev.skein.quarkus.runtime.devui.SkeinJsonRpcService;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The layout the graph page draws: each task in the layer of its longest chain of dependencies, every
 * arrow from a lower to a higher layer, no boxes on top of each other, for any graph. And outside dev
 * mode the Dev UI's beans do not exist: nothing keeps runs in production.
 */
class LayoutAndDevModeOnlyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(CheckoutGraph.class)
                    .addAsResource(new StringAsset(CheckoutGraph.PAYMENT_POLICY), "application.properties"));

    @Test
    void aTaskSitsInTheLayerOfItsLongestChainOfDependencies() {
        TaskKey<String> a = TaskKey.of("a", String.class);
        TaskKey<String> b = TaskKey.of("b", String.class);
        TaskKey<String> c = TaskKey.of("c", String.class);
        TaskKey<String> d = TaskKey.of("d", String.class);
        TaskKey<String> e = TaskKey.of("e", String.class);
        Graph<Void> graph = Graph.builder("g", Void.class)
                .task(d, List.of(a, c), in -> "d") // declared before what it runs after
                .task(a, in -> "a")
                .task(b, List.of(a), in -> "b")
                .task(c, List.of(b), in -> "c")
                .task(e, in -> "e")
                .build();

        GraphLayout layout = GraphLayout.of(graph);

        Map<String, Integer> layers = layout.nodes().stream().collect(Collectors.toMap(Box::task, Box::layer));
        assertThat(layers).containsExactlyInAnyOrderEntriesOf(Map.of("a", 0, "b", 1, "c", 2, "d", 3, "e", 0));
        assertThat(layout.nodes()).extracting(Box::task).containsExactly("d", "a", "b", "c", "e");
        assertThat(layout.edges()).extracting(arrow -> arrow.from() + "->" + arrow.to())
                .containsExactlyInAnyOrder("a->d", "c->d", "a->b", "b->c");
        assertDrawable(layout, graph);
    }

    @Test
    void randomGraphsAreDrawableEveryArrowPointingRight() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(30);
            Graph.Builder<Void> builder = Graph.builder("random " + round, Void.class);
            List<TaskKey<String>> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                keys.add(TaskKey.of("t" + i, String.class));
            }
            for (int i = 0; i < n; i++) {
                List<TaskKey<?>> after = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    if (random.nextInt(4) == 0) {
                        after.add(keys.get(j));
                    }
                }
                builder.task(keys.get(i), after, in -> "x");
            }
            Graph<Void> graph = builder.build();
            assertDrawable(GraphLayout.of(graph), graph);
        }
    }

    @Test
    void aLongChainIsLaidOutWithoutRecursion() {
        Graph.Builder<Void> builder = Graph.builder("chain", Void.class);
        TaskKey<String> previous = null;
        for (int i = 0; i < 20_000; i++) {
            TaskKey<String> key = TaskKey.of("t" + i, String.class);
            builder.task(key, previous == null ? List.of() : List.of(previous), in -> "x");
            previous = key;
        }
        GraphLayout layout = GraphLayout.of(builder.build());
        assertThat(layout.nodes().getLast().layer()).isEqualTo(19_999);
    }

    @Test
    void theAnnotatedGraphsAreLaidOut() {
        assertThat(SkeinRecorder.graphs()).hasSize(1);
        GraphLayout checkout = GraphLayout.of(SkeinRecorder.graphs().getFirst());
        assertThat(checkout.nodes()).extracting(Box::task, Box::layer).containsExactly(tuple("create order", 0),
                tuple("reserve stock", 1), tuple("authorise payment", 1), tuple("confirm order", 2));
    }

    @Test
    void outsideDevModeNothingOfTheDevUiIsABean() {
        assertThat(Arc.container().select(RecentRuns.class).isResolvable()).isFalse();
        assertThat(Arc.container().select(SkeinJsonRpcService.class).isResolvable()).isFalse();
    }

    /** Layers by longest path, arrows left to right from box edge to box edge, no overlap, all inside the picture. */
    private static void assertDrawable(GraphLayout layout, Graph<?> graph) {
        Map<String, Box> boxes = layout.nodes().stream().collect(Collectors.toMap(Box::task, Function.identity()));
        assertThat(boxes).hasSameSizeAs(graph.tasks());
        Map<String, Integer> longest = new HashMap<>();
        for (TaskKey<?> task : graph.tasks()) {
            longest.put(task.name(), longestPath(graph, task, longest));
        }
        int edges = 0;
        for (TaskKey<?> task : graph.tasks()) {
            Box box = boxes.get(task.name());
            assertThat(box.layer()).as(task.name()).isEqualTo(longest.get(task.name()));
            edges += graph.dependenciesOf(task).size();
        }
        assertThat(layout.edges()).hasSize(edges);
        for (Arrow arrow : layout.edges()) {
            Box from = boxes.get(arrow.from());
            Box to = boxes.get(arrow.to());
            assertThat(from.layer()).as(arrow.toString()).isLessThan(to.layer());
            assertThat(arrow.x1()).isEqualTo(from.x() + layout.boxWidth());
            assertThat(arrow.x2()).isEqualTo(to.x());
            assertThat(arrow.x1()).isLessThan(arrow.x2());
            assertThat(arrow.y1()).isBetween(from.y(), from.y() + layout.boxHeight());
            assertThat(arrow.y2()).isBetween(to.y(), to.y() + layout.boxHeight());
        }
        List<Box> all = layout.nodes();
        for (int i = 0; i < all.size(); i++) {
            Box p = all.get(i);
            assertThat(p.x() + layout.boxWidth()).isLessThanOrEqualTo(layout.width());
            assertThat(p.y() + layout.boxHeight()).isLessThanOrEqualTo(layout.height());
            for (int j = i + 1; j < all.size(); j++) {
                Box q = all.get(j);
                boolean apart = p.x() + layout.boxWidth() <= q.x() || q.x() + layout.boxWidth() <= p.x()
                        || p.y() + layout.boxHeight() <= q.y() || q.y() + layout.boxHeight() <= p.y();
                assertThat(apart).as(p + " and " + q).isTrue();
            }
        }
    }

    /** Memoised over the tasks in declaration order; dependencies are computed first when declared later. */
    private static int longestPath(Graph<?> graph, TaskKey<?> task, Map<String, Integer> known) {
        Integer done = known.get(task.name());
        if (done != null) {
            return done;
        }
        int layer = 0;
        for (TaskKey<?> d : graph.dependenciesOf(task)) {
            layer = Math.max(layer, longestPath(graph, d, known) + 1);
        }
        known.put(task.name(), layer);
        return layer;
    }
}
