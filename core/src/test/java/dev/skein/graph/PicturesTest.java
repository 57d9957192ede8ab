package dev.skein.graph;

import static dev.skein.graph.GraphRunTest.catchFailure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.graph.GraphRunTest.Planned;
import java.util.List;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Graphs drawn as Mermaid and DOT; runs drawn as a Mermaid Gantt chart of their timeline. */
class PicturesTest {

    static final TaskKey<String> ORDER = TaskKey.of("create order", String.class);
    static final TaskKey<String> STOCK = TaskKey.of("reserve stock", String.class);
    static final TaskKey<String> PAYMENT = TaskKey.of("authorise \"payment\"", String.class);
    static final TaskKey<String> CONFIRM = TaskKey.of("confirm: order", String.class);

    private static Graph.Builder<Void> saga(TaskFunction<Void, String> confirm) {
        return Graph.builder("place order", Void.class)
                .task(ORDER, in -> "o", t -> t.withCompensation(o -> { }))
                .task(STOCK, List.of(ORDER), in -> "s", t -> t.withCompensation(s -> { }))
                .task(PAYMENT, List.of(ORDER), in -> "p", t -> t.asOptional())
                .task(CONFIRM, List.of(STOCK, PAYMENT), confirm);
    }

    @Test
    void aGraphAsMermaid() {
        assertThat(saga(in -> "c").build().toMermaid()).isEqualTo("""
                flowchart LR
                    t0["create order<br/><i>compensable</i>"]
                    t1["reserve stock<br/><i>compensable</i>"]
                    t2["authorise #34;payment#34; (optional)"]
                    t3["confirm: order"]
                    t0 --> t1
                    t0 --> t2
                    t1 --> t3
                    t2 --> t3
                """);
    }

    @Test
    void aGraphAsDot() {
        assertThat(saga(in -> "c").build().toDot()).isEqualTo("""
                digraph "place order" {
                    rankdir=LR;
                    node [shape=box];
                    "create order";
                    "reserve stock";
                    "authorise \\"payment\\"" [style=dashed];
                    "confirm: order";
                    "create order" -> "reserve stock";
                    "create order" -> "authorise \\"payment\\"";
                    "reserve stock" -> "confirm: order";
                    "authorise \\"payment\\"" -> "confirm: order";
                }
                """);
    }

    @Test
    void aRunAsAGanttChartWithItsOutcomesCriticalPathAndCompensations() throws Exception {
        RunReport report = catchFailure(() -> saga(in -> {
            throw new Planned("refused");
        }).build().run(null)).report();
        List<String> lines = report.toMermaidGantt().lines().toList();
        assertThat(lines.subList(0, 5)).containsExactly("gantt", "    title place order: FAILED", "    dateFormat x",
                "    axisFormat %S.%L s", "    section tasks");
        assertThat(lines).anyMatch(l -> l.matches("    create order COMPENSATED :crit, done, t0, \\d+, \\d+"));
        assertThat(lines).anyMatch(l -> l.matches("    authorise \"payment\" SUCCEEDED :done, t2, \\d+, \\d+")
                || l.matches("    authorise \"payment\" SUCCEEDED :crit, done, t2, \\d+, \\d+"));
        assertThat(lines).anyMatch(l -> l.matches("    confirm  order FAILED :crit, active, t3, \\d+, \\d+"));
        assertThat(lines).contains("    section compensation");
        assertThat(lines).anyMatch(l -> l.matches("    undo reserve stock \\(1 attempt\\) :done, c1, \\d+, \\d+"));
        assertThat(lines).anyMatch(l -> l.matches("    undo create order \\(1 attempt\\) :done, c0, \\d+, \\d+"));
        assertThat(lines).noneMatch(l -> l.contains("undo authorise"));
    }

    @Test
    void theCriticalPathFollowsTheDependencyThatEndedLast() throws Exception {
        AtomicReference<Thread> payment = new AtomicReference<>();
        CountDownLatch paymentStarted = new CountDownLatch(1);
        RunReport report = Graph.builder("critical", Void.class)
                .task(ORDER, in -> "o")
                .task(STOCK, List.of(ORDER), in -> {
                    // ends after payment has ended (its thread is gone): stock is on the critical path
                    paymentStarted.await();
                    await().atMost(Duration.ofSeconds(10)).until(() -> !payment.get().isAlive());
                    return "s";
                })
                .task(PAYMENT, List.of(ORDER), in -> {
                    payment.set(Thread.currentThread());
                    paymentStarted.countDown();
                    return "p";
                })
                .task(CONFIRM, List.of(STOCK, PAYMENT), in -> "c")
                .build().run(null);
        String gantt = report.toMermaidGantt();
        assertThat(gantt).containsPattern("reserve stock SUCCEEDED :crit, done, t1")
                .containsPattern("create order SUCCEEDED :crit, done, t0")
                .containsPattern("confirm  order SUCCEEDED :crit, done, t3")
                .doesNotContainPattern("payment.* SUCCEEDED :crit")
                .doesNotContain("section compensation");
    }

    @Test
    void namesThatCouldBreakOutOfTheirLabelAreEscapedForEachFormat() throws Exception {
        TaskKey<String> hostile = TaskKey.of("a\"]; click t0 call x()\n<img src=x>&`#;\\N", String.class);
        TaskKey<String> next = TaskKey.of("next: step", String.class);
        Graph<Void> graph = Graph.builder("g\"raph\n{", Void.class)
                .task(hostile, in -> "h")
                .task(next, List.of(hostile), in -> "n")
                .build();

        assertThat(graph.toMermaid()).isEqualTo("""
                flowchart LR
                    t0["a#34;]#59; click t0 call x() #60;img src=x#62;#38;#96;#35;#59;\\N"]
                    t1["next: step"]
                    t0 --> t1
                """);
        assertThat(graph.toDot()).isEqualTo("""
                digraph "g\\"raph\\n{" {
                    rankdir=LR;
                    node [shape=box];
                    "a\\"]; click t0 call x()\\n<img src=x>&`#;\\\\N";
                    "next: step";
                    "a\\"]; click t0 call x()\\n<img src=x>&`#;\\\\N" -> "next: step";
                }
                """);
        List<String> gantt = graph.run(null).toMermaidGantt().lines().toList();
        assertThat(gantt.get(1)).isEqualTo("    title g\"raph {: SUCCEEDED");
        assertThat(gantt).anyMatch(l -> l.startsWith("    a\"]  click t0 call x() <img src=x>&`  \\N SUCCEEDED :"));
        assertThat(gantt).anyMatch(l -> l.startsWith("    next  step SUCCEEDED :"));
        assertThat(gantt).allMatch(l -> l.startsWith("    ") || l.equals("gantt"));
    }
}
