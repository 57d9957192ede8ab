package dev.skein.quarkus.test.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.Task;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.inject.spi.DefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tasks on a class that is not a CDI bean fail the build, saying to give it a scope. */
class NotABeanTest {

    public static class NoScope {
        @Task("only")
        String only() {
            return "x";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(NoScope.class))
            .assertException(e -> assertThat(e).isInstanceOf(DefinitionException.class)
                    .hasMessageContaining(NoScope.class.getName()).hasMessageContaining("is not a CDI bean")
                    .hasMessageContaining("@ApplicationScoped"));

    @Test
    void theBuildFails() {
        fail("the application should not have started");
    }
}
