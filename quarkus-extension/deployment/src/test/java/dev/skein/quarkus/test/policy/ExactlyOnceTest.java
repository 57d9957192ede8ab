package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.DeadlineExceededException;
import dev.skein.GraphFailedException;
import dev.skein.graph.RunReport;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.policy.FaultToleranceExtensionTasks.ConfiguredTask;
import dev.skein.quarkus.test.policy.FaultToleranceExtensionTasks.LongTimeout;
import dev.skein.quarkus.test.policy.FaultToleranceExtensionTasks.RetriedByTheExtension;
import dev.skein.quarkus.test.policy.FaultToleranceExtensionTasks.RetriedTask;
import dev.skein.quarkus.test.policy.FaultToleranceExtensionTasks.SlowRetries;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With {@code quarkus-smallrye-fault-tolerance} in the application, a task's annotations still apply once,
 * as Skein's policy (its interceptor is kept off task methods), so the run's deadline still bounds them.
 */
class ExactlyOnceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(FaultToleranceExtensionTasks.class, RetriedTask.class,
                    RetriedByTheExtension.class, ConfiguredTask.class, SlowRetries.class, LongTimeout.class, Attempts.class,
                    FaultToleranceExtensionTasks.HandledTask.class, FaultToleranceExtensionTasks.Handler.class))
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-smallrye-fault-tolerance-deployment",
                    Version.getVersion())))
            .overrideConfigKey("smallrye.faulttolerance.\"" + ConfiguredTask.class.getName() + "/configured\".retry.max-retries",
                    "3");

    @Inject
    @Identifier("retried once")
    SkeinGraph<Void, String> retriedOnce;
    @Inject
    RetriedTask retriedTask;
    @Inject
    RetriedByTheExtension retriedByTheExtension;
    @Inject
    @Identifier("configured under the extension")
    SkeinGraph<Void, String> configured;
    @Inject
    ConfiguredTask configuredTask;
    @Inject
    @Identifier("retries beyond the deadline")
    SkeinGraph<Void, String> slowRetries;
    @Inject
    SlowRetries slowRetriesTask;
    @Inject
    @Identifier("timeout beyond the deadline")
    SkeinGraph<Void, String> longTimeout;
    @Inject
    LongTimeout longTimeoutTask;
    @Inject
    @Identifier("handled under the extension")
    SkeinGraph<Void, String> handled;

    @Test
    void theExtensionsInterceptorIsAtWorkOnOtherMethods() {
        assertThatThrownBy(() -> retriedByTheExtension.call()).hasMessage("call attempt 3");
        assertThat(retriedByTheExtension.attempts()).isEqualTo(3);
    }

    @Test
    void aTaskWithRetryTwoIsAttemptedThreeTimesNotNine() {
        assertThatThrownBy(() -> retriedOnce.run(null)).isInstanceOf(GraphFailedException.class).cause()
                .hasMessage("flaky attempt 3");
        assertThat(retriedTask.attempts()).isEqualTo(3);
    }

    @Test
    void smallRyesKeyOfTheTaskStillAppliesUnderTheExtensionsRelocation() {
        assertThatThrownBy(() -> configured.run(null)).isInstanceOf(GraphFailedException.class);
        assertThat(configuredTask.attempts()).isEqualTo(4);
    }

    @Test
    @Timeout(120) // the deadline, not the hour-long @Timeout, must end it
    void aRetryTheRemainingDeadlineCannotWaitForIsNotMade() throws Exception {
        RunReport report = Scope.run(cfg -> cfg.withTimeout(Duration.ofMillis(300)), scope -> {
            Branch<RunReport> run = scope.fork("run", () -> slowRetries.runForReport(null));
            scope.join();
            return run.resultNow();
        });
        assertThat(report.task("failsFast").failure()).get().isInstanceOf(IllegalStateException.class)
                .extracting(Throwable::getMessage).isEqualTo("failsFast attempt 1");
        assertThat(slowRetriesTask.attempts()).isEqualTo(1);
    }

    @Test
    @Timeout(120) // the deadline, not the hour-long @Timeout, must end it
    void theRunsDeadlineCutsAnAttemptBeforeItsTimeoutAndNothingIsRetriedAfterIt() {
        assertThatThrownBy(() -> Scope.run(cfg -> cfg.withTimeout(Duration.ofMillis(300)), scope -> {
            scope.fork("run", () -> longTimeout.runForReport(null));
            scope.join();
            return null;
        })).isInstanceOf(DeadlineExceededException.class);
        assertThat(longTimeoutTask.wasInterrupted()).isTrue();
        assertThat(longTimeoutTask.attempts()).isEqualTo(1);
    }

    @Test
    void aFallbackHandlerOfATaskIsABeanBesideTheExtensionsOwn() throws Exception {
        assertThat(handled.run(null)).isEqualTo("handled no quote");
    }
}
