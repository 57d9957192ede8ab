package dev.skein.quarkus.test.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.spi.DefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The journal turned on in an application without Agroal fails the build, saying what to add. */
class JournalWithoutDataSourceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(TripSaga.class))
            .overrideConfigKey("quarkus.skein.journal.enabled", "true")
            .assertException(e -> assertThat(e).isInstanceOf(DefinitionException.class)
                    .hasMessageContaining("quarkus.skein.journal.enabled=true needs quarkus-agroal and a JDBC driver"
                            + " extension (e.g. quarkus-jdbc-postgresql) in the application"));

    @Test
    void theBuildFails() {
        fail("the application should not have started");
    }
}
