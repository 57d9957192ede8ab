package dev.skein.quarkus.test.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import dev.skein.quarkus.test.StartUpFailures;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A graph made durable where only the running application sees it (an environment variable, say), with the journal
 * off: the start fails, naming the key that made it durable and the one that turns the journal on.
 */
class DurableAtRunTimeTest {

    @ApplicationScoped
    @TaskGraph("audit")
    public static class Audit {

        @Task("write")
        String write() {
            return "written";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Audit.class))
            .overrideRuntimeConfigKey("quarkus.skein.graph.audit.durable", "true")
            .assertException(e -> {
                assertThat(StartUpFailures.configurationProblem(e)).contains("graph 'audit' is durable (quarkus.skein.graph.\"audit\".durable=true),"
                        + " but the journal is off: set quarkus.skein.journal.enabled=true");
            });

    @Test
    void startUpFails() {
        fail("the application should not have started");
    }
}
