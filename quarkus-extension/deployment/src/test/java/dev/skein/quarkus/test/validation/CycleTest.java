package dev.skein.quarkus.test.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.Task;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DefinitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Tasks whose parameter types make a loop fail the build, with the core's message and its path. */
class CycleTest {

    public record A(int v) {
    }

    public record B(int v) {
    }

    @ApplicationScoped
    public static class Loop {
        @Task("make a")
        A a(B b) {
            return new A(b.v());
        }

        @Task("make b")
        B b(A a) {
            return new B(a.v());
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Loop.class, A.class, B.class))
            .assertException(e -> assertThat(e).isInstanceOf(DefinitionException.class)
                    .hasMessageContaining("Skein: " + Loop.class.getName() + ", graph 'Loop'")
                    .hasMessageContaining("cycle make b -> make a -> make b"));

    @Test
    void theBuildFails() {
        fail("the application should not have started");
    }
}
