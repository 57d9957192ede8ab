package dev.skein.quarkus.runtime;

import static dev.skein.quarkus.runtime.ConfigKeys.checked;

import dev.skein.graph.Graph;
import dev.skein.graph.TaskOptions;
import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.config.GraphConfig;
import dev.skein.quarkus.runtime.config.SkeinRuntimeConfig;
import dev.skein.scope.ScopeConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@code quarkus.skein.*} says about one annotated graph: the global defaults (checked once, by
 * {@link ConfigRecorder}, before any graph is built), and the overrides of {@code quarkus.skein.graph."<name>"}
 * and its tasks, which win over the annotations. A value the core refuses fails the start with the key that
 * holds it.
 */
final class GraphSettings {

    private final String graph;
    private final SkeinRuntimeConfig config;
    private final GraphConfig overrides;

    GraphSettings(String graph, SkeinRuntimeConfig config) {
        this.graph = graph;
        this.config = config;
        this.overrides = config.graph().get(graph);
    }

    /** Checks that every task named under this graph's key is one of its {@code tasks}. */
    void checkTaskNames(Set<String> tasks) {
        if (overrides == null) {
            return;
        }
        for (String task : overrides.task().keySet()) {
            if (!tasks.contains(task)) {
                String key = key("task.\"" + Text.name(task) + "\"");
                throw new ConfigurationException(key + " names no task of graph '" + Text.name(graph) + "': its tasks are "
                        + Names.list(new TreeSet<>(tasks)) + "; correct the name or remove the key", Set.of(key));
            }
        }
    }

    /**
     * {@return what makes the graph durable, for messages; null when it is not} {@code durable} of its key wins over
     * the annotation's {@code annotated}.
     */
    String durable(boolean annotated) {
        Optional<Boolean> configured = overrides == null ? Optional.empty() : overrides.durable();
        if (configured.isPresent()) {
            return configured.get() ? key("durable") + "=true" : null;
        }
        return annotated ? "@TaskGraph(durable = true)" : null;
    }

    /**
     * Applies the run's deadline and grace, and the compensation defaults, to the graph's builder; its runs' scopes
     * are reported as opened at {@code site}.
     */
    void applyTo(Graph.Builder<Object> builder, StackTraceElement site) {
        Optional<Duration> timeout = config.timeout();
        Duration grace = config.cancellationGrace();
        if (overrides != null) {
            if (overrides.timeout().isPresent()) {
                Duration own = overrides.timeout().get();
                checked(key("timeout"), () -> ScopeConfig.defaults().withTimeout(own));
                timeout = overrides.timeout();
            }
            if (overrides.cancellationGrace().isPresent()) {
                Duration own = overrides.cancellationGrace().get();
                checked(key("cancellation-grace"), () -> ScopeConfig.defaults().withCancellationGrace(own));
                grace = own;
            }
            overrides.compensationRetries().ifPresent(r -> checked(key("compensation-retries"), () -> builder.compensationRetries(r)));
            overrides.compensationTimeout().ifPresent(t -> checked(key("compensation-timeout"), () -> builder.compensationTimeout(t)));
        }
        Optional<Duration> runTimeout = timeout;
        Duration runGrace = grace;
        builder.scope(cfg -> runTimeout.map(cfg::withTimeout).orElse(cfg).withCancellationGrace(runGrace).withOpenedAt(site));
    }

    /** {@return the task's options, with the overrides of its key applied} */
    <T> TaskOptions<Object, T> applyTo(String task, TaskOptions<Object, T> options) {
        GraphConfig.TaskConfig t = overrides == null ? null : overrides.task().get(task);
        if (t == null) {
            return options;
        }
        String prefix = "task.\"" + Text.name(task) + "\".";
        TaskOptions<Object, T> o = options;
        if (t.timeout().isPresent()) {
            TaskOptions<Object, T> before = o;
            o = checked(key(prefix + "timeout"), () -> before.withTimeout(t.timeout().get()));
        }
        if (t.compensationRetries().isPresent()) {
            TaskOptions<Object, T> before = o;
            o = checked(key(prefix + "compensation-retries"), () -> before.withCompensationRetries(t.compensationRetries().getAsInt()));
        }
        if (t.compensationTimeout().isPresent()) {
            TaskOptions<Object, T> before = o;
            o = checked(key(prefix + "compensation-timeout"), () -> before.withCompensationTimeout(t.compensationTimeout().get()));
        }
        return o;
    }

    /** Checks that every graph named under {@code quarkus.skein.graph} is one of {@code graphs}. */
    static void checkGraphNames(SkeinRuntimeConfig config, Set<String> graphs) {
        for (String graph : config.graph().keySet()) {
            if (!graphs.contains(graph)) {
                String key = ConfigKeys.named("graph", graph);
                throw new ConfigurationException(key + " names no graph of the application: its graphs are "
                        + Names.list(new TreeSet<>(graphs)) + "; correct the name or remove the key", Set.of(key));
            }
        }
    }

    private String key(String property) {
        return ConfigKeys.named("graph", graph) + "." + property;
    }
}
