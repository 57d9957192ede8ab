package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.graph.RunReport;
import dev.skein.graph.TaskOutcome;
import dev.skein.quarkus.SkeinGraph;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The keys Quarkus users set for a fault-tolerance annotation apply to a task's: Quarkus', SmallRye's and
 * MicroProfile's forms for the method, Quarkus' first, and {@code enabled=false}.
 */
@Timeout(60) // an ignored timeout key would leave the annotation's hour
class FaultToleranceConfigTest {

    static final String C = ConfiguredTasks.class.getName();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(ConfiguredTasks.class, Attempts.class))
            .overrideConfigKey("quarkus.fault-tolerance.\"" + C + "/quarkusForm\".retry.max-retries", "3")
            .overrideConfigKey("smallrye.faulttolerance.\"" + C + "/smallRyeForm\".retry.max-retries", "4")
            .overrideConfigKey(C + "/microProfileForm/Retry/maxRetries", "2")
            .overrideConfigKey("quarkus.fault-tolerance.\"" + C + "/quarkusFormWins\".retry.max-retries", "2")
            .overrideConfigKey(C + "/quarkusFormWins/Retry/maxRetries", "5")
            .overrideConfigKey("quarkus.fault-tolerance.\"" + C + "/retryOff\".retry.enabled", "false")
            .overrideConfigKey(C + "/retryOffMicroProfile/Retry/enabled", "false")
            .overrideConfigKey("quarkus.fault-tolerance.\"" + C + "/abortOnConfigured\".retry.abort-on",
                    "java.io.IOException, java.lang.IllegalStateException")
            .overrideConfigKey("quarkus.fault-tolerance.\"" + C + "/timedOut\".timeout.value", "50")
            .overrideConfigKey("quarkus.fault-tolerance.\"" + C + "/timedOut\".timeout.unit", "millis")
            .overrideConfigKey(C + "/noFallback/Fallback/enabled", "false");

    static RunReport report;

    @Inject
    @Identifier("configured")
    SkeinGraph<Void, RunReport> configured;
    @Inject
    ConfiguredTasks tasks;

    @BeforeAll
    static void noRunYet() {
        report = null;
    }

    private RunReport report() throws InterruptedException {
        if (report == null) {
            report = configured.runForReport(null); // each task's attempts are counted over this one run
        }
        return report;
    }

    @Test
    void quarkusKeyOfTheMethodSetsTheRetries() throws Exception {
        report();
        assertThat(tasks.attempts("quarkusForm")).isEqualTo(4);
        assertThat(tasks.attempts("untouched")).isEqualTo(2);
    }

    @Test
    void smallRyeKeyOfTheMethodSetsTheRetries() throws Exception {
        report();
        assertThat(tasks.attempts("smallRyeForm")).isEqualTo(5);
    }

    @Test
    void microProfileKeyOfTheMethodSetsTheRetries() throws Exception {
        report();
        assertThat(tasks.attempts("microProfileForm")).isEqualTo(3);
    }

    @Test
    void quarkusKeyWinsOverMicroProfiles() throws Exception {
        report();
        assertThat(tasks.attempts("quarkusFormWins")).isEqualTo(3);
    }

    @Test
    void enabledFalseRemovesTheRetryInEitherForm() throws Exception {
        report();
        assertThat(tasks.attempts("retryOff")).isEqualTo(1);
        assertThat(tasks.attempts("retryOffMicroProfile")).isEqualTo(1);
    }

    @Test
    void aConfiguredAbortOnListStopsTheRetries() throws Exception {
        report();
        assertThat(tasks.attempts("abortOnConfigured")).isEqualTo(1);
    }

    @Test
    void configuredTimeoutAndUnitReplaceTheAnnotations() throws Exception {
        assertThat(report().task("timedOut").outcome()).isEqualTo(TaskOutcome.FAILED);
        assertThat(report().task("timedOut").failure()).get().isInstanceOf(TimeoutException.class);
    }

    @Test
    void enabledFalseRemovesTheFallback() throws Exception {
        assertThat(report().task("noFallback").outcome()).isEqualTo(TaskOutcome.FAILED);
        assertThat(report().task("withFallback").outcome()).isEqualTo(TaskOutcome.SUCCEEDED);
        assertThat(report().task("withFallback").value()).contains("fallback");
    }
}
