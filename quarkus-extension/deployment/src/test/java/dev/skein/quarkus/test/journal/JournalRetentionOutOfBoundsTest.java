package dev.skein.quarkus.test.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.test.StartUpFailures;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A retention the journal refuses: the start fails, naming the key and its bounds. */
class JournalRetentionOutOfBoundsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(TripSaga.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url",
                    "jdbc:h2:mem:skein-retention;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.skein.journal.enabled", "true")
            .overrideConfigKey("quarkus.skein.journal.migrate-at-start", "true")
            .overrideRuntimeConfigKey("quarkus.skein.journal.retention", "500ms")
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-agroal-deployment", Version.getVersion()),
                    Dependency.of("io.quarkus", "quarkus-jdbc-h2-deployment", Version.getVersion())))
            .assertException(e -> {
                assertThat(StartUpFailures.configurationProblem(e))
                        .isEqualTo("quarkus.skein.journal.retention: retention must be from 1 s to 3650 days, was PT0.5S");
            });

    @Test
    void startUpFails() {
        fail("the application should not have started");
    }
}
