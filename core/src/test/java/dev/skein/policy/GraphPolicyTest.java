package dev.skein.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.graph.Graph;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskKey;
import dev.skein.graph.TaskOutcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/** Policies and fallbacks on graph tasks. */
class GraphPolicyTest {

    static final TaskKey<String> QUOTE = TaskKey.of("fetch quote", String.class);

    @Test
    void aTaskIsRetriedByItsPolicy() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        Graph<Void> graph = Graph.builder("retried", Void.class)
                .task(QUOTE, in -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new IllegalStateException("busy");
                    }
                    return "42";
                }, t -> t.withPolicy(Policy.of(p -> p.withRetry(r -> r.withMaxRetries(5)))))
                .build();
        RunReport report = graph.run(null);
        assertThat(report.get(QUOTE)).isEqualTo("42");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aPolicyTimeoutFailsTheTaskWithTheMicroProfileException() throws Exception {
        Graph<Void> graph = Graph.builder("timed out", Void.class)
                .task(QUOTE, in -> {
                    Thread.sleep(Duration.ofMinutes(5)); // until the policy's timeout interrupts it
                    return "late";
                }, t -> t.withPolicy(Policy.of(p -> p.withTimeout(Duration.ofMillis(50)))))
                .build();
        RunReport report = graph.runForReport(null);
        assertThat(report.task(QUOTE).outcome()).isEqualTo(TaskOutcome.FAILED);
        assertThat(report.failure()).get().isInstanceOf(TimeoutException.class);
    }

    @Test
    void aFallbackGivesTheTaskAValueWhenThePolicyGivesUp() throws Exception {
        Graph<Void> graph = Graph.builder("fallback", Void.class)
                .task(QUOTE, in -> {
                    throw new IllegalStateException("pricing down");
                }, t -> t.withPolicy(Policy.of(p -> p.withRetry(r -> r.withMaxRetries(1))))
                        .withFallback(failure -> "list price"))
                .build();
        assertThat(graph.run(null).get(QUOTE)).isEqualTo("list price");
    }

    @Test
    void aFallbackCanTakeTheTasksInputsAndItsFailure() throws Exception {
        TaskKey<String> product = TaskKey.of("product", String.class);
        Graph<String> graph = Graph.builder("fallback from inputs", String.class)
                .task(product, in -> "product " + in.input())
                .task(QUOTE, List.of(product), in -> {
                    throw new IllegalStateException("pricing down");
                }, t -> t.withPolicy(Policy.of(p -> p.withTimeout(Duration.ofSeconds(30))))
                        .withFallback((in, failure) -> "list price of " + in.get(product) + " (" + failure.getMessage() + ")"))
                .build();
        assertThat(graph.run("tea").get(QUOTE)).isEqualTo("list price of product tea (pricing down)");
    }
}
