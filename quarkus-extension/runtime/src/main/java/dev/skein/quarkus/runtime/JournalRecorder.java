package dev.skein.quarkus.runtime;

import dev.skein.quarkus.runtime.config.JournalConfig;
import dev.skein.quarkus.runtime.config.SkeinRuntimeConfig;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.Set;

/**
 * Starts the journal of durable graphs at start-up, before the graphs are built, when
 * {@code quarkus.skein.journal.enabled} is true; stops it when the application stops. Loads no class of
 * {@code skein-durable} or Agroal otherwise: an application may have neither.
 */
@Recorder
public class JournalRecorder {

    private final RuntimeValue<SkeinRuntimeConfig> config;

    public JournalRecorder(RuntimeValue<SkeinRuntimeConfig> config) {
        this.config = config;
    }

    public void start(ShutdownContext shutdown) {
        JournalConfig journal = config.getValue().journal();
        if (!journal.enabled()) {
            return;
        }
        require("dev.skein.durable.DurableGraphs", "dev.skein:skein-durable");
        require("io.quarkus.agroal.runtime.AgroalDataSourceUtil", "quarkus-agroal and a JDBC driver extension (e.g."
                + " quarkus-jdbc-postgresql)");
        if (journal.migrateAtStart()) {
            require("org.flywaydb.core.Flyway", "org.flywaydb:flyway-core (quarkus-flyway brings it)");
        }
        DurableJournal.start(journal, shutdown);
    }

    /** Fails the start, naming the key and what to add, when the application lacks {@code className}. */
    private static void require(String className, String add) {
        try {
            Class.forName(className, false, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new ConfigurationException(missing(add), Set.of(Journals.ENABLED));
        }
    }

    /** {@return the message for a journal that lacks a dependency} The build's check says the same. */
    public static String missing(String add) {
        return Journals.ENABLED + "=true needs " + add + " in the application: add it, or set it to false";
    }
}
