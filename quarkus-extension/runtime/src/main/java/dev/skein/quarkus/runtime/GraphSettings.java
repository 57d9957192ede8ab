package dev.skein.quarkus.runtime;

import dev.skein.graph.Graph;
import dev.skein.graph.TaskOptions;
import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.config.GraphConfig;
import dev.skein.quarkus.runtime.config.SkeinRuntimeConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.time.Duration;
import dev.skein.scope.ScopeConfig;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * What {@code quarkus.skein.*} says about one annotated graph: the global defaults, and the overrides of
 * {@code quarkus.skein.graph."<name>"} and its tasks, which win over the annotations. A value the core
 * refuses fails the start with the key that holds it.
 */
final class GraphSettings {

    private static final String PREFIX = "quarkus.skein.";

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
                String key = key("task.\"" + task + "\"");
                throw new ConfigurationException(key + " names no task of graph '" + Text.name(graph) + "': its tasks are "
                        + new TreeSet<>(tasks) + "; correct the name or remove the key", Set.of(key));
            }
        }
    }

    /** Applies the run's deadline and grace, and the compensation defaults, to the graph's builder. */
    void applyTo(Graph.Builder<Object> builder) {
        Optional<Duration> timeout = overrides != null && overrides.timeout().isPresent() ? overrides.timeout() : config.timeout();
        Duration grace = overrides != null && overrides.cancellationGrace().isPresent() ? overrides.cancellationGrace().get()
                : config.cancellationGrace();
        String timeoutKey = overrides != null && overrides.timeout().isPresent() ? key("timeout") : PREFIX + "timeout";
        String graceKey = overrides != null && overrides.cancellationGrace().isPresent() ? key("cancellation-grace")
                : PREFIX + "cancellation-grace";
        checked(graceKey, () -> ScopeConfig.defaults().withCancellationGrace(grace));
        timeout.ifPresent(t -> checked(timeoutKey, () -> ScopeConfig.defaults().withTimeout(t)));
        builder.scope(cfg -> timeout.map(cfg::withTimeout).orElse(cfg).withCancellationGrace(grace));
        if (overrides != null) {
            overrides.compensationRetries().ifPresent(r -> checked(key("compensation-retries"), () -> builder.compensationRetries(r)));
            overrides.compensationTimeout().ifPresent(t -> checked(key("compensation-timeout"), () -> builder.compensationTimeout(t)));
        }
    }

    /** {@return the task's options, with the overrides of its key applied} */
    <T> TaskOptions<Object, T> applyTo(String task, TaskOptions<Object, T> options) {
        GraphConfig.TaskConfig t = overrides == null ? null : overrides.task().get(task);
        if (t == null) {
            return options;
        }
        String prefix = "task.\"" + task + "\".";
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
                String key = PREFIX + "graph.\"" + graph + "\"";
                throw new ConfigurationException(key + " names no graph of the application: its graphs are "
                        + new TreeSet<>(graphs) + "; correct the name or remove the key", Set.of(key));
            }
        }
    }

    private String key(String property) {
        return PREFIX + "graph.\"" + graph + "\"." + property;
    }

    /** {@return what {@code apply} returns} A value the core refuses fails the start, naming {@code key}. */
    private static <X> X checked(String key, Supplier<X> apply) {
        try {
            return apply.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException(key + ": " + e.getMessage(), Set.of(key));
        }
    }
}
