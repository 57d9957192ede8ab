package dev.skein.quarkus.runtime;

import dev.skein.durable.DurableGraphs;
import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.config.JournalConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.datasource.common.runtime.DataSourceUtil;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * The running application's {@link DurableGraphs}, on its Agroal data source; loaded only when the journal is
 * enabled and the application has {@code skein-durable} and Agroal.
 */
public final class DurableJournal {

    private static final String KEY = ConfigKeys.PREFIX + "journal.";
    private static volatile DurableGraphs current;

    private DurableJournal() {
    }

    /** {@return the running journal's durable graphs, if the journal is on} For the diagnostics endpoints. */
    public static Optional<DurableGraphs> current() {
        return Optional.ofNullable(current);
    }

    static void start(JournalConfig config, ShutdownContext shutdown) {
        String name = config.datasource().orElse(DataSourceUtil.DEFAULT_DATASOURCE_NAME);
        DataSource dataSource = dataSource(name, config.datasource().isPresent());
        if (config.migrateAtStart()) {
            try {
                SkeinMigration.migrate(dataSource);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Skein: " + KEY + "migrate-at-start=true, but the migration of db/skein"
                        + " on data source " + describe(name) + " failed: " + Text.describe(e), e);
            }
        }
        DurableGraphs.Builder builder = DurableGraphs.builder(dataSource);
        ConfigKeys.checked(KEY + "takeover", () -> builder.takeover(config.takeover()));
        ConfigKeys.checked(KEY + "recovery-threads", () -> builder.recoveryThreads(config.recoveryThreads()));
        ConfigKeys.checked(KEY + "retention", () -> builder.retention(config.retention()));
        config.instanceName().ifPresent(n -> ConfigKeys.checked(KEY + "instance-name", () -> builder.instanceName(n)));
        DurableGraphs durable;
        try {
            durable = builder.start();
        } catch (SQLException e) {
            throw new IllegalStateException("Skein: the journal could not start on data source " + describe(name) + ": "
                    + e.getMessage() + "; if its tables are missing, set " + KEY + "migrate-at-start=true, or run the"
                    + " Flyway migration classpath:db/skein with the history table skein_schema_history", e);
        }
        current = durable;
        Journals.use(durable.journal(), durable::register);
        shutdown.addShutdownTask(() -> {
            Journals.clear();
            current = null;
            durable.close();
        });
    }

    private static DataSource dataSource(String name, boolean named) {
        InjectableInstance<AgroalDataSource> instance = AgroalDataSourceUtil.dataSourceInstance(name);
        String key = KEY + "datasource";
        if (!instance.isResolvable()) {
            throw new ConfigurationException(Journals.ENABLED + "=true, but the application has no data source "
                    + describe(name) + (named ? " (" + key + ")" : "") + ": configure it (quarkus.datasource"
                    + (named ? ".\"" + name + "\"" : "") + ".db-kind and a JDBC driver extension), or name another in "
                    + key + "; configured: " + AgroalDataSourceUtil.activeDataSourceNames(), Set.of(key));
        }
        try {
            return instance.get();
        } catch (RuntimeException e) { // inactive, or failed to start: its own message says why
            throw new ConfigurationException(Journals.ENABLED + "=true, but data source " + describe(name)
                    + " cannot be used: " + Text.describe(e), Set.of(key));
        }
    }

    private static String describe(String name) {
        return DataSourceUtil.isDefault(name) ? "<default>" : "'" + name + "'";
    }
}
