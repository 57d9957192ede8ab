package dev.skein.quarkus.test.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.graph.RunReport;
import dev.skein.graph.TaskOutcome;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A graph whose one last task is optional or conditional may succeed without that task's result: its handle
 * returns the run's report.
 */
class UncertainLastTaskTest {

    @ApplicationScoped
    @TaskGraph("optional last")
    public static class OptionalLast {
        @Task("order")
        String order(@GraphInput String customer) {
            return "order-of-" + customer;
        }

        @Task(value = "notify", optional = true)
        String notify(String order) {
            throw new IllegalStateException("mail down");
        }
    }

    @ApplicationScoped
    @TaskGraph("conditional last")
    public static class ConditionalLast {
        @Task("order")
        String order(@GraphInput String customer) {
            return "order-of-" + customer;
        }

        @Task(value = "audit", onlyIf = "audited")
        String audit(String order) {
            return "audited " + order;
        }

        boolean audited(@GraphInput String customer) {
            return customer.startsWith("vip");
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(OptionalLast.class, ConditionalLast.class));

    @Inject
    @Identifier("optional last")
    SkeinGraph<String, RunReport> optionalLast;

    @Inject
    @Identifier("conditional last")
    SkeinGraph<String, RunReport> conditionalLast;

    @Test
    void anOptionalLastTaskThatFailedLeavesASucceededRunAndItsReport() throws Exception {
        RunReport report = optionalLast.run("alice");
        assertThat(report.succeeded()).isTrue();
        assertThat(report.task("notify").outcome()).isEqualTo(TaskOutcome.FAILED);
        assertThat(report.task("order").value()).contains("order-of-alice");
    }

    @Test
    void aConditionalLastTaskSkippedOrRunIsInTheReport() throws Exception {
        RunReport skipped = conditionalLast.run("alice");
        assertThat(skipped.succeeded()).isTrue();
        assertThat(skipped.task("audit").outcome()).isEqualTo(TaskOutcome.SKIPPED);

        RunReport ran = conditionalLast.runAsUni("vip-bob").await().atMost(Duration.ofSeconds(10));
        assertThat(ran.task("audit").value()).contains("audited order-of-vip-bob");
    }
}
