package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.Task;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.Asynchronous;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code quarkus-smallrye-fault-tolerance} present, a task's {@code @ExponentialBackoff} (which that
 * extension checks on the unmodified classes) and its {@code @Asynchronous} fail the build with Skein's
 * messages only: the extension adds no complaint of its own about the task methods.
 */
class BackoffUnderFaultToleranceExtensionTest {

    @ApplicationScoped
    public static class Tasks {
        @Task
        @Retry
        @ExponentialBackoff
        String backoff() {
            return "a";
        }

        @Task
        @Asynchronous
        String async() {
            return "b";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Tasks.class))
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-smallrye-fault-tolerance-deployment",
                    Version.getVersion())))
            .assertException(e -> {
                assertThat(e).isInstanceOf(DeploymentException.class).hasMessageStartingWith("Found 2 deployment problems");
                assertThat(e.getSuppressed()).hasSize(2).allSatisfy(p -> assertThat(p).hasMessageStartingWith("Skein: "));
                assertThat(e.getMessage())
                        .contains(Tasks.class.getName() + "#backoff() has @ExponentialBackoff, which Skein cannot take from the"
                                + " method while quarkus-smallrye-fault-tolerance is present")
                        .contains("quarkus.skein.policy")
                        .contains(Tasks.class.getName() + "#async() has @Asynchronous, which a task cannot have: Skein runs"
                                + " every task on a virtual thread of its own already");
            });

    @Test
    void theBuildFails() {
        fail("the application should not have started");
    }
}
