package dev.skein.quarkus.test.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.spi.DefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A durable graph with the journal off fails the build, saying which key turns it on. */
class DurableGraphWithoutJournalTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(TripSaga.class))
            .assertException(e -> assertThat(e).isInstanceOf(DefinitionException.class)
                    .hasMessageContaining("graph 'book trip' is durable (@TaskGraph(durable = true)), but the journal is"
                            + " off: set quarkus.skein.journal.enabled=true"));

    @Test
    void theBuildFails() {
        fail("the application should not have started");
    }
}
