package dev.skein.quarkus.test.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.GraphFailedException;
import dev.skein.graph.TaskOutcome;
import dev.skein.quarkus.From;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A condition that returns a null Boolean fails its task with a message naming the condition method. */
class NullConditionTest {

    @ApplicationScoped
    @TaskGraph("undecided")
    public static class Undecided {
        @Task("order")
        Integer order(@GraphInput String customer) {
            return 42;
        }

        @Task(value = "audit", onlyIf = "audited")
        String audit(Integer order) {
            return "audited";
        }

        @Task("report")
        String report(@From("audit") Optional<String> audit) {
            return "report";
        }

        Boolean audited(@GraphInput String customer) {
            return null;
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().withApplicationRoot(root -> root.addClasses(Undecided.class));

    @Inject
    SkeinGraph<String, String> graph;

    @Test
    void theTaskFailsNamingTheCondition() {
        assertThatThrownBy(() -> graph.run("alice")).isInstanceOfSatisfying(GraphFailedException.class, e -> {
            assertThat(e.report().task("audit").outcome()).isEqualTo(TaskOutcome.FAILED);
            assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("the condition "
                    + Undecided.class.getName() + "#audited(String) of task 'audit' returned null: return true or false");
        });
    }
}
