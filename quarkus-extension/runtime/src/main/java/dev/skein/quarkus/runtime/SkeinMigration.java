package dev.skein.quarkus.runtime;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates or updates the journal's tables ({@code quarkus.skein.journal.migrate-at-start}): Flyway's migrations of
 * {@code classpath:db/skein}, recorded in a history table of their own so that their versions never meet the
 * application's. Loaded only then, as the application may not have Flyway.
 */
final class SkeinMigration {

    static final String HISTORY = "skein_schema_history";

    private SkeinMigration() {
    }

    static void migrate(DataSource dataSource) {
        Flyway.configure(Thread.currentThread().getContextClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/skein")
                .table(HISTORY)
                // a schema with the application's tables has no history of ours yet: start below V1, which then runs
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
    }
}
