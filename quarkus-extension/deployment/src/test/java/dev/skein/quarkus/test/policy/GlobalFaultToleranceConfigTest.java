package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.graph.RunReport;
import dev.skein.graph.TaskOutcome;
import dev.skein.quarkus.SkeinGraph;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The global keys apply to every task with the annotation, in each form; a method's own key wins over them. */
@Timeout(60) // an ignored global timeout key would leave the annotation's hour
class GlobalFaultToleranceConfigTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(GlobalTasks.class, Attempts.class))
            .overrideConfigKey("quarkus.fault-tolerance.global.retry.max-retries", "2")
            .overrideConfigKey(GlobalTasks.class.getName() + "/methodWins/Retry/maxRetries", "0")
            .overrideConfigKey("smallrye.faulttolerance.global.timeout.value", "50")
            .overrideConfigKey("smallrye.faulttolerance.global.timeout.unit", "MILLIS")
            .overrideConfigKey("RateLimit/value", "1");

    @Inject
    @Identifier("global")
    SkeinGraph<Void, RunReport> global;
    @Inject
    GlobalTasks tasks;

    @Test
    void globalKeysInEachFormAndTheMethodsKeyOverThem() throws Exception {
        RunReport first = global.runForReport(null);
        assertThat(tasks.attempts("globallyRetried")).as("quarkus.fault-tolerance.global.retry.max-retries").isEqualTo(3);
        assertThat(tasks.attempts("methodWins")).as("the method's own key").isEqualTo(1);
        assertThat(first.task("timedOut").failure()).as("smallrye.faulttolerance.global.timeout.*").get()
                .isInstanceOf(TimeoutException.class);
        assertThat(first.task("limited").outcome()).isEqualTo(TaskOutcome.SUCCEEDED);

        RunReport second = global.runForReport(null);
        assertThat(second.task("limited").failure()).as("RateLimit/value").get().isInstanceOf(RateLimitException.class);
    }
}
