package dev.skein.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.GraphDefinitionException;
import dev.skein.GraphFailedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building a graph: every problem is reported at once, each saying how to fix it. */
class GraphDefinitionTest {

    static final TaskKey<String> A = TaskKey.of("a", String.class);
    static final TaskKey<String> B = TaskKey.of("b", String.class);
    static final TaskKey<String> C = TaskKey.of("c", String.class);

    static GraphDefinitionException buildFails(Graph.Builder<?> builder) {
        try {
            builder.build();
        } catch (GraphDefinitionException e) {
            return e;
        }
        throw new AssertionError("build() should have failed");
    }

    @Test
    void aCycleIsNamedWithItsPathInRunningOrder() {
        var e = buildFails(Graph.builder("g", Void.class)
                .task(A, List.of(C), in -> "a")
                .task(B, List.of(A), in -> "b")
                .task(C, List.of(B), in -> "c"));
        assertThat(e.problems()).singleElement().asString()
                .startsWith("cycle b -> c -> a -> b (each runs after the one before it)")
                .contains("remove one of these dependencies");
    }

    @Test
    void aTaskThatDependsOnItselfIsACycle() {
        var e = buildFails(Graph.builder("g", Void.class).task(A, List.of(A), in -> "a"));
        assertThat(e.problems()).singleElement().asString().startsWith("cycle a -> a ");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        TaskKey<Integer> bAsInteger = TaskKey.of("b", Integer.class);
        var e = buildFails(Graph.builder("checkout", Void.class)
                .task(A, in -> "a")
                .task(A, in -> "again")
                .task(B, List.of(TaskKey.of("stock", String.class)), in -> "b")
                .task(C, List.of(bAsInteger), in -> "c"));
        assertThat(e.problems()).containsExactly(
                "task 'a' is declared 2 times: names must be unique in a graph; rename all but one",
                "task 'b' runs after 'stock', which is not a task of this graph: declare 'stock' with task(...), "
                        + "or remove it from the dependencies of 'b'",
                "task 'c' reads 'b' as java.lang.Integer, but 'b' produces java.lang.String: declare the dependency "
                        + "as TaskKey.of(\"b\", String.class)");
        assertThat(e).hasMessageStartingWith("graph 'checkout' has 3 problems:\n  - task 'a' is declared 2 times");
    }

    @Test
    void dependenciesOfATaskAreTheTasksItRunsAfterEachOnce() {
        Graph<Void> graph = Graph.builder("g", Void.class)
                .task(A, in -> "a")
                .task(B, in -> "b")
                .task(C, List.of(B, A, B), in -> "c")
                .build();

        assertThat(graph.dependenciesOf(A)).isEmpty();
        assertThat(graph.dependenciesOf(C)).containsExactly(A, B);
        assertThatThrownBy(() -> graph.dependenciesOf(TaskKey.of("d", String.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("graph 'g' has no task 'd'; its tasks are [a, b, c]");
    }

    @Test
    void anEmptyGraphIsRejected() {
        var e = buildFails(Graph.builder("nothing", Void.class));
        assertThat(e.problems()).containsExactly("graph 'nothing' has no tasks: add at least one with task(...)");
    }

    @Test
    void aDependencyMayBeReadAsASupertypeOfWhatItProduces() throws Exception {
        TaskKey<CharSequence> bAsText = TaskKey.of("b", CharSequence.class);
        TaskKey<Integer> length = TaskKey.of("length", Integer.class);
        Graph<Void> graph = Graph.builder("g", Void.class)
                .task(B, in -> "four")
                .task(length, List.of(bAsText), in -> in.get(bAsText).length())
                .build();
        assertThat(graph.run(null).get(length)).isEqualTo(4);
    }

    @Test
    void primitiveKeysAreTheirWrappers() {
        assertThat(TaskKey.of("n", int.class)).isEqualTo(TaskKey.of("n", Integer.class));
        assertThat(TaskKey.of("n", int.class).type()).isEqualTo(Integer.class);
    }

    @Test
    void badOptionsAreRejectedWhereTheyAreGiven() {
        assertThatThrownBy(() -> Graph.builder("g", Void.class)
                .task(A, in -> "a", t -> t.withTimeout(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("task timeout must be positive, was PT-1S");
        assertThatThrownBy(() -> Graph.builder("g", Void.class).compensationRetries(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("compensation retries must be between 0 and 40, was -1");
        assertThatThrownBy(() -> Graph.builder("g", Void.class).compensationTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compensation timeout must be positive, was PT0S");
        assertThatThrownBy(() -> TaskKey.of(" ", String.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Graph.builder("", Void.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingATaskThatIsNotADependencyFailsTheTaskSayingWhatToDeclare() {
        Graph<Void> graph = Graph.builder("g", Void.class)
                .task(A, in -> "a")
                .task(B, in -> "b")
                .task(C, List.of(A), in -> in.get(A) + in.get(B))
                .build();
        assertThatThrownBy(() -> graph.run(null))
                .isInstanceOf(GraphFailedException.class)
                .cause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("task 'c' reads 'b', which is not one of its dependencies [a]: add it to the tasks 'c' runs after");
    }

    @Test
    void aBuiltGraphListsItsTasksInDeclarationOrder() {
        Graph<Void> graph = Graph.builder("g", Void.class).task(B, in -> "b").task(A, List.of(B), in -> "a").build();
        assertThat(graph.tasks()).containsExactly(B, A);
        assertThat(graph.name()).isEqualTo("g");
        assertThat(graph.inputType()).isEqualTo(Void.class);
    }

    @Test
    void anUncertainCompensationWithoutACompensationIsRejected() {
        var e = buildFails(Graph.builder("g", Void.class)
                .task(A, in -> "a", t -> t.withUncertainCompensation((in, failure) -> { })));
        assertThat(e.problems()).containsExactly("task 'a' has an uncertain compensation but no compensation: "
                + "if it succeeds and the run fails later, nothing undoes it; add withCompensation(...)");
    }

    @Test
    void aConcurrencyCapOnTheRunsScopeIsRejected() {
        var e = buildFails(Graph.builder("g", Void.class)
                .task(A, in -> "a")
                .scope(cfg -> cfg.withMaxConcurrency(1)));
        assertThat(e.problems()).singleElement().asString()
                .startsWith("the scope of graph 'g' sets withMaxConcurrency(1): a cap on a graph's scope can deadlock");
    }

    @Test
    void megabyteNamesAreCutInEveryProblem() {
        String mb = "x".repeat(1 << 20);
        TaskKey<String> a = TaskKey.of("a" + mb, String.class);
        TaskKey<String> b = TaskKey.of("b" + mb, String.class);
        TaskKey<Integer> bAsInteger = TaskKey.of("b" + mb, Integer.class);
        var e = buildFails(Graph.builder("g" + mb, Void.class)
                .task(a, List.of(b), in -> "a")
                .task(b, List.of(a), in -> "b")
                .task(a, in -> "again")
                .task(TaskKey.of("c" + mb, String.class), List.of(TaskKey.of("missing" + mb, String.class), bAsInteger),
                        in -> "c", t -> t.withPolicy("policy" + mb))
                .scope(cfg -> cfg.withMaxConcurrency(1)));
        assertThat(e.problems()).hasSize(6).allSatisfy(p -> assertThat(p).hasSizeLessThan(2_000));
        assertThat(e.problems().getFirst()).startsWith("the scope of graph 'g" + "x".repeat(199) + "…(");
        assertThat(e.problems().getLast()).startsWith("cycle b" + "x".repeat(199) + "…(1048377 more chars) -> a");
        assertThat(e.getMessage()).startsWith("graph 'g" + "x".repeat(199) + "…(").hasSizeLessThan(20_000);
    }

    @Test
    void theMessageListsTheFirst50ProblemsAndProblemsListsAll() {
        Graph.Builder<Void> builder = Graph.builder("g", Void.class);
        for (int i = 0; i < 120; i++) {
            builder.task(TaskKey.of("t" + i, String.class), List.of(TaskKey.of("missing" + i, String.class)), in -> "t");
        }
        var e = buildFails(builder);
        assertThat(e.problems()).hasSize(120).last().asString().startsWith("task 't119' runs after 'missing119'");
        List<String> listed = new ArrayList<>(List.of(e.getMessage().split("\n  - ")));
        assertThat(listed.removeFirst()).isEqualTo("graph 'g' has 120 problems:");
        assertThat(listed).hasSize(50).startsWith(e.problems().subList(0, 49).toArray(String[]::new));
        assertThat(listed.get(49)).isEqualTo(e.problems().get(49) + "\n  ... and 70 more problems (see problems())");
    }
}
