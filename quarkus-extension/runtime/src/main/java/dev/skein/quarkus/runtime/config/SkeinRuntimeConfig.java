package dev.skein.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Skein's configuration, read when the application starts. Defaults apply to the scopes the extension
 * opens (graph runs and {@code @SkeinScope} methods) where the annotations leave a value unset; the
 * overrides per graph, task and scope name win over the annotations. A graph, task or scope name that the
 * application does not have fails the start, naming the key.
 */
@ConfigMapping(prefix = "quarkus.skein")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface SkeinRuntimeConfig {

    /**
     * The deadline of every graph run and {@code @SkeinScope} call that sets none, as a duration after it
     * starts. None by default: such work runs until it ends or an enclosing deadline passes.
     */
    Optional<Duration> timeout();

    /**
     * How long a cancelled branch or task may run on before it is reported, with its stack, as stuck (and
     * interrupted again), for the scopes the extension opens. Between 10 ms and a day.
     */
    @WithDefault("5s")
    Duration cancellationGrace();

    /**
     * How many branches forked beside a {@code @SkeinScope} method run at once, for methods that set no
     * {@code maxConcurrency} (the method's own branch is not counted; a fork past it waits for one to end). At
     * least 1. None by default. It does not cap graph runs, nor scopes the method opens.
     */
    OptionalInt maxConcurrency();

    /** Where scopes were opened. */
    OpenSites openSites();

    /** Where scopes were opened. */
    interface OpenSites {

        /**
         * Whether Skein records where each scope is opened, to report a scope left open with its place in
         * the source (about 1 us per scope opened, more under a deep stack). Applies to every scope of the application
         * but those the extension opens for a {@code @SkeinScope} method, an endpoint with a time budget or a run of
         * an annotated graph, which are reported at the method or the graph's class either way, without a walk.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** Overrides for annotated graphs and their tasks, by graph name. */
    @ConfigDocMapKey("graph-name")
    Map<String, GraphConfig> graph();

    /** Overrides for {@code @SkeinScope} methods, by scope name (the annotation's {@code name}, or {@code Class.method}). */
    @ConfigDocMapKey("scope-name")
    Map<String, ScopeOverrides> scope();

    /**
     * Named policies, shared by every task that names them ({@code @Task(policy = "payment")}) and by
     * {@code Policies.get("payment")}: retry, circuit breaker, rate limit, timeout and bulkhead, from
     * SmallRye Fault Tolerance. A policy has the strategies configured for it; each is off until one of
     * its keys is set ({@code enabled=true} turns one on with its defaults). The extension defines these
     * policies when the application starts, before the graphs are built. A policy named by a task must be
     * configured where the build sees it (e.g. {@code application.properties}): the build checks the name.
     */
    @ConfigDocMapKey("policy-name")
    Map<String, PolicyConfig> policy();

    /** Deadlines across HTTP: the time budget a request carries, taken by endpoints and passed on by REST Client calls. */
    HttpConfig http();

    /** Skein's health checks, with {@code quarkus-smallrye-health} in the application. */
    HealthConfig health();

    /** The journal of durable graphs, and the recovery of runs whose instance died. */
    JournalConfig journal();
}
