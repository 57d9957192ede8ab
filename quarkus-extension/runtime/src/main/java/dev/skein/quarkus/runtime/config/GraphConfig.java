package dev.skein.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Overrides for one annotated graph ({@code quarkus.skein.graph."place order".*}), and for its tasks. A
 * value set here wins over the annotation's; what is left unset keeps the annotation's, or the global
 * default.
 */
public interface GraphConfig {

    /** The deadline of each run, as a duration after it starts (a nearer enclosing deadline still wins). */
    Optional<Duration> timeout();

    /** How long a cancelled task may run on before it is reported, with its stack, as stuck. */
    Optional<Duration> cancellationGrace();

    /** How many times a failed compensation of a task is retried, for tasks that set none (0 to 40). */
    OptionalInt compensationRetries();

    /** The most time each compensation attempt may take, for tasks that set none. */
    Optional<Duration> compensationTimeout();

    /**
     * Whether the graph's runs are recorded in the journal ({@code quarkus.skein.journal.*}) and recovered when their
     * instance dies; wins over {@code @TaskGraph(durable = ...)}.
     */
    Optional<Boolean> durable();

    /** Overrides for single tasks, by task name ({@code quarkus.skein.graph."place order".task."reserve stock".timeout}). */
    @ConfigDocMapKey("task-name")
    Map<String, TaskConfig> task();

    /** Overrides for one task of an annotated graph. */
    interface TaskConfig {

        /** The most time the task may take. */
        Optional<Duration> timeout();

        /** How many times its failed compensation is retried (0 to 40). */
        OptionalInt compensationRetries();

        /** The most time each attempt of its compensation may take. */
        Optional<Duration> compensationTimeout();
    }
}
