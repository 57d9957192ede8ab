package dev.skein.quarkus.runtime;

import dev.skein.graph.Graph;
import dev.skein.graph.Journal;
import dev.skein.internal.Text;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.runtime.config.SkeinRuntimeConfig;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import jakarta.enterprise.invoke.Invoker;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Builds the annotated graphs at start-up, from what the build recorded, and hands them to the beans
 * users inject ({@link SkeinGraph}).
 */
@Recorder
public class SkeinRecorder {

    /** The graphs of the running application, by name; emptied when it stops (dev mode restarts). */
    private static final Map<String, AnnotatedGraph<Object, Object>> GRAPHS = new ConcurrentHashMap<>();

    private final RuntimeValue<SkeinRuntimeConfig> config;
    /**
     * Invokers recorded for graphs not built yet, by graph, then by {@code <task>#<role>}. Not static: one
     * instance of a recorder serves every call recorded in one build step (here, the invokers then the graphs),
     * and is dropped after start-up, so no invoker outlives it (nor, in dev mode, the class loader it came from).
     */
    private final Map<String, Map<String, Invoker<Object, Object>>> invokers = new HashMap<>();

    public SkeinRecorder(RuntimeValue<SkeinRuntimeConfig> config) {
        this.config = config;
    }

    /** Keeps the invoker of one method of a graph, for {@link #buildGraph}. */
    public void registerInvoker(String graph, String task, String role, RuntimeValue<Invoker<Object, Object>> invoker) {
        invokers.computeIfAbsent(graph, g -> new HashMap<>()).put(task + "#" + role, invoker.getValue());
    }

    /** Builds a graph from its spec and the invokers registered for it. */
    public void buildGraph(GraphSpec spec, ShutdownContext shutdown) {
        Map<String, Invoker<Object, Object>> ofGraph = invokers.remove(spec.getName());
        GraphSettings settings = new GraphSettings(spec.getName(), config.getValue());
        String durable = settings.durable(spec.isDurable());
        Journal journal = durable == null ? null : Journals.forGraph(spec.getName(), durable);
        AnnotatedGraph<Object, Object> graph = GraphFactory.build(spec, (task, role) -> {
            Invoker<Object, Object> invoker = ofGraph == null ? null : ofGraph.get(task + "#" + role);
            if (invoker == null) {
                throw new IllegalStateException("no invoker for " + role + " of task '" + Text.name(task) + "' of graph '"
                        + Text.name(spec.getName()) + "' (a bug in the Skein extension)");
            }
            return invoker;
        }, settings, journal);
        if (journal != null) {
            Journals.register(graph.graph());
        }
        GRAPHS.put(spec.getName(), graph);
        shutdown.addShutdownTask(() -> GRAPHS.remove(spec.getName()));
    }

    /** Fails the start if {@code quarkus.skein.graph} names a graph that is none of {@code graphs}. */
    public void checkConfiguredGraphs(Set<String> graphs) {
        GraphSettings.checkGraphNames(config.getValue(), graphs);
    }

    /**
     * {@return the graphs of the running application, sorted by name} For the extension's views of them
     * (diagnostics endpoints, health, Dev UI); empty before start-up and after shutdown.
     */
    public static List<Graph<Object>> graphs() {
        return GRAPHS.values().stream().map(AnnotatedGraph::graph).sorted(Comparator.comparing(Graph::name)).toList();
    }

    /** {@return what creates the injectable handle of the graph called {@code name}: the graph itself} */
    public Supplier<SkeinGraph<?, ?>> handle(String name) {
        return () -> {
            AnnotatedGraph<Object, Object> graph = GRAPHS.get(name);
            if (graph == null) {
                throw new IllegalStateException("graph '" + Text.name(name) + "' is not built yet: inject it where the "
                        + "application has started (it is built at start-up, before StartupEvent)");
            }
            return graph;
        };
    }
}
