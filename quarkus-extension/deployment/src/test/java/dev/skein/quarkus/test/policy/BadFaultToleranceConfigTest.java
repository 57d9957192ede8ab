package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.Task;
import dev.skein.quarkus.test.StartUpFailures;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A task's fault-tolerance key that does not parse, or that Skein cannot honour, fails start-up naming the key. */
class BadFaultToleranceConfigTest {

    @ApplicationScoped
    public static class Tasks {
        @Task
        @Retry
        String quote() {
            return "quote";
        }
    }

    static final String METHOD = Tasks.class.getName() + "/quote";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Tasks.class))
            .overrideConfigKey("smallrye.faulttolerance.\"" + METHOD + "\".retry.max-retries", "lots")
            .overrideConfigKey(METHOD + "/Retry/maxDuration", "5")
            .assertException(e -> {
                assertThat(StartUpFailures.configurationProblem(e))
                        .contains("Skein: the fault-tolerance annotations of task 'quote' (" + Tasks.class.getName()
                                + "#quote()) and their configuration have 2 problems")
                        .contains("smallrye.faulttolerance.\"" + METHOD + "\".retry.max-retries must be a whole number, was 'lots'")
                        .contains(METHOD + "/Retry/maxDuration is set, but Skein does not read it: a task's retries are bounded"
                                + " by the run's deadline and the task's timeout; remove the key");
            });

    @Test
    void startUpFails() {
        fail("the application should not have started");
    }
}
