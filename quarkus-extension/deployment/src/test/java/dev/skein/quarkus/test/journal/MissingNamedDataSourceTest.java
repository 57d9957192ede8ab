package dev.skein.quarkus.test.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.spi.DefinitionException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journal on a data source the application does not have fails the build, naming the key and those it has. */
class MissingNamedDataSourceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(TripSaga.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:h2:mem:skein-missing;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.skein.journal.enabled", "true")
            .overrideConfigKey("quarkus.skein.journal.datasource", "journal")
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-agroal-deployment", Version.getVersion()),
                    Dependency.of("io.quarkus", "quarkus-jdbc-h2-deployment", Version.getVersion())))
            .assertException(e -> assertThat(e).isInstanceOf(DefinitionException.class)
                    .hasMessageContaining("quarkus.skein.journal.enabled=true, but the application has no JDBC data source"
                            + " 'journal' (quarkus.skein.journal.datasource): configure it"
                            + " (quarkus.datasource.\"journal\".db-kind), or name another in quarkus.skein.journal.datasource;"
                            + " the build knows [<default>]"));

    @Test
    void theBuildFails() {
        fail("the application should not have started");
    }
}
