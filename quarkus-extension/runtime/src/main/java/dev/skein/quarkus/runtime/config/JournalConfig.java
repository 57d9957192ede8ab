package dev.skein.quarkus.runtime.config;

import io.quarkus.runtime.annotations.ConfigDocDefault;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The journal of durable graphs ({@code @TaskGraph(durable = true)}, or {@code quarkus.skein.graph."<name>".durable}):
 * their runs recorded in the application's database, and the recovery of runs whose instance died, by the module
 * {@code skein-durable} on an Agroal data source.
 */
public interface JournalConfig {

    /**
     * Whether the journal starts with the application: it records the runs of durable graphs, and this instance
     * recovers the runs of other instances that died. Needs {@code dev.skein:skein-durable}, {@code quarkus-agroal}
     * and a JDBC driver extension in the application. A durable graph without it fails the build (or the start).
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * The name of the Agroal data source that holds the journal's tables (those of {@code db/skein}). The
     * default data source when unset.
     */
    @ConfigDocDefault("the default data source")
    Optional<String> datasource();

    /**
     * How long an instance's heartbeat may be missing before others take over its runs (at least 1 s). Shorter
     * recovers sooner; too short takes over runs of an instance that merely paused.
     */
    @WithDefault("10s")
    Duration takeover();

    /**
     * How long the journal keeps a run after it ended, succeeded or compensated (from 1 s to 3650 days); then it is
     * deleted, with its tasks. A parked run is kept until a person has retried it.
     */
    @WithDefault("7d")
    Duration retention();

    /** This instance's name in the journal; a suffix new at each start keeps restarts apart. */
    @ConfigDocDefault("pid@host")
    Optional<String> instanceName();

    /** How many runs of dead instances this instance recovers at once (at least 1). */
    @WithDefault("4")
    int recoveryThreads();

    /**
     * Whether the extension creates or updates the journal's tables at start-up, with Flyway ({@code flyway-core} in
     * the application), from {@code classpath:db/skein} and with a history table of their own,
     * {@code skein_schema_history}, so that their versions never meet the application's migrations. It runs after
     * the application's own Flyway migrations ({@code quarkus-flyway}), and baselines at version 0 on a schema that
     * already has tables.
     */
    @WithDefault("false")
    boolean migrateAtStart();

    /** The journal's diagnostics endpoints, {@code /q/skein/runs}. */
    Endpoints endpoints();

    /** The journal's diagnostics endpoints. */
    interface Endpoints {

        /**
         * Whether {@code POST /q/skein/runs/<id>/retry} compensates a parked run again. Always on in dev mode;
         * elsewhere off unless set to {@code true}, since it runs compensations on a request.
         */
        @ConfigDocDefault("true in dev mode, false otherwise")
        Optional<Boolean> retryEnabled();
    }
}
