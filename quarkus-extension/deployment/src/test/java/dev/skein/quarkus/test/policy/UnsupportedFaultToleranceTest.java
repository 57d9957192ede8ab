package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.Task;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.FibonacciBackoff;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.io.IOException;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a task's policy cannot honour fails the build, each naming the method, the member and what to do instead. */
class UnsupportedFaultToleranceTest {

    @ApplicationScoped
    public static class Unsupported {
        @Task
        @Retry(maxDuration = 1000)
        String maxDuration() {
            return "a";
        }

        @Task
        @CircuitBreaker(failOn = IOException.class)
        String failOn() {
            return "b";
        }

        @Task
        @Bulkhead(value = 2, waitingTaskQueue = 5)
        String queue() {
            return "c";
        }

        @Task
        @Retry(maxRetries = -1)
        String forever() {
            return "d";
        }

        @Task
        @Retry
        @FibonacciBackoff
        String fibonacci() {
            return "e";
        }

        @Task(policy = "payment")
        @Retry
        String both() {
            return "f";
        }

        @Task
        @Fallback(fallbackMethod = "missing")
        String noFallbackMethod() {
            return "g";
        }
    }

    @ApplicationScoped
    @Timeout(500)
    public static class ClassLevel {
        @Task
        String only() {
            return "h";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Unsupported.class, ClassLevel.class))
            .assertException(e -> {
                assertThat(e).isInstanceOf(DeploymentException.class).hasMessageStartingWith("Found 8 deployment problems");
                String u = Unsupported.class.getName() + "#";
                assertThat(e.getMessage())
                        .contains(u + "maxDuration() has @Retry(maxDuration = ...), which Skein cannot honour: a task's"
                                + " retries are bounded by the run's deadline")
                        .contains(u + "failOn() has @CircuitBreaker(failOn = ...), which Skein cannot honour: a task's breaker"
                                + " counts every failure")
                        .contains(u + "queue() has @Bulkhead(waitingTaskQueue = ...), which Skein cannot honour")
                        .contains(u + "forever() has @Retry(maxRetries = -1): it must be 0 or more (MicroProfile's -1, retry"
                                + " forever, is left to the run's deadline")
                        .contains(u + "fibonacci() has @FibonacciBackoff, which a task cannot have: Skein's retry waits a"
                                + " constant delay, or one that grows with @ExponentialBackoff")
                        .contains(u + "both() names policy 'payment' and has fault-tolerance annotations ([Retry])")
                        .contains(u + "noFallbackMethod() has @Fallback(fallbackMethod = \"missing\"), but " + Unsupported.class.getName()
                                + " has no method missing()")
                        .contains(ClassLevel.class.getName() + " has @Timeout on the class, which would apply to its @Task"
                                + " methods too");
                assertThat(e.getSuppressed()).hasSize(8);
            });

    @Test
    void theBuildFails() {
        fail("the application should not have started");
    }
}
