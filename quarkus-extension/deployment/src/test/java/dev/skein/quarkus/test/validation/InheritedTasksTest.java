package dev.skein.quarkus.test.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.Task;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** @Task methods a bean inherits fail the build, saying to declare them on the bean class. */
class InheritedTasksTest {

    public abstract static class AbstractSaga {
        @Task("reserve")
        String reserve() {
            return "reserved";
        }
    }

    @ApplicationScoped
    public static class Saga extends AbstractSaga {
    }

    public static class PlainSaga {
        @Task("charge")
        String charge() {
            return "charged";
        }
    }

    @ApplicationScoped
    public static class PlainHeir extends PlainSaga {
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(AbstractSaga.class, Saga.class, PlainSaga.class, PlainHeir.class))
            .assertException(e -> assertThat(Arrays.stream(e.getSuppressed()).map(Throwable::getMessage)).containsExactlyInAnyOrder(
                    "Skein: " + AbstractSaga.class.getName() + " declares @Task or compensation methods but is abstract:"
                            + " inherited @Task methods are not supported; declare them on the bean class, where the graph is"
                            + " read from (its subclasses: ['" + Saga.class.getName() + "'])",
                    "Skein: " + PlainSaga.class.getName() + " declares the tasks of graph 'PlainSaga' and is not a CDI bean,"
                            + " but its subclasses ['" + PlainHeir.class.getName() + "'] are: inherited @Task methods are not"
                            + " supported; declare them on the bean class, where the graph is read from"));

    @Test
    void theBuildFails() {
        fail("the build should have failed");
    }
}
