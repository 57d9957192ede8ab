package dev.skein.graph;

import static dev.skein.graph.GraphDefinitionTest.buildFails;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cycles are reported once per group of tasks that depend on each other (a strongly connected
 * component), each with one short example, however dense, long or numerous the cycles are.
 */
class CycleReportTest {

    private static final TaskFunction<Void, String> WORK = in -> "x";

    private static List<TaskKey<String>> keys(String prefix, int n) {
        List<TaskKey<String>> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add(TaskKey.of(prefix + i, String.class));
        }
        return keys;
    }

    @Test
    void aCompleteGraphOf800TasksIsOneCycleWithAShortExample() {
        List<TaskKey<String>> t = keys("t", 800);
        Graph.Builder<Void> builder = Graph.builder("dense", Void.class);
        for (TaskKey<String> key : t) {
            List<TaskKey<String>> others = new ArrayList<>(t);
            others.remove(key);
            builder.task(key, others, WORK);
        }
        var e = buildFails(builder);
        assertThat(e.problems()).singleElement().asString()
                .startsWith("cycle t1 -> t0 -> t1 (each runs after the one before it); "
                        + "tasks t0, t1, t2, t3, t4, t5, t6, t7, t8, t9, ... (800 in all) depend on each other")
                .hasSizeLessThan(1_000);
        assertThat(e.getMessage()).hasSizeLessThan(20_000);
    }

    @Test
    void aRingOf100000TasksShowsTheEndsOfItsCycle() {
        int n = 100_000;
        List<TaskKey<String>> t = keys("t", n);
        Graph.Builder<Void> builder = Graph.builder("ring", Void.class);
        for (int i = 0; i < n; i++) {
            builder.task(t.get(i), List.of(t.get((i + n - 1) % n)), WORK); // t0 runs after t99999
        }
        var e = buildFails(builder);
        assertThat(e.problems()).singleElement().asString()
                .startsWith("cycle t1 -> t2 -> t3 -> t4 -> t5 -> (99991 more tasks) -> t99997 -> t99998 -> t99999 -> t0 -> t1 "
                        + "(each runs after the one before it): ")
                .hasSizeLessThan(1_000);
        assertThat(e.getMessage()).hasSizeLessThan(20_000);
    }

    @Test
    void aChainOf100000TasksBuilds() {
        int n = 100_000;
        List<TaskKey<String>> t = keys("t", n);
        Graph.Builder<Void> builder = Graph.builder("chain", Void.class).task(t.getFirst(), WORK);
        for (int i = 1; i < n; i++) {
            builder.task(t.get(i), List.of(t.get(i - 1)), WORK);
        }
        assertThat(builder.build().tasks()).hasSize(n);
    }

    @Test
    void manyDisjointCyclesAreCappedWithACountOfTheRest() {
        Graph.Builder<Void> builder = Graph.builder("pairs", Void.class);
        List<TaskKey<String>> p = keys("p", 100);
        List<TaskKey<String>> q = keys("q", 100);
        for (int i = 0; i < 100; i++) {
            builder.task(p.get(i), List.of(q.get(i)), WORK).task(q.get(i), List.of(p.get(i)), WORK);
        }
        var e = buildFails(builder);
        assertThat(e.problems()).hasSize(21);
        for (int i = 0; i < 20; i++) {
            assertThat(e.problems().get(i)).startsWith("cycle q" + i + " -> p" + i + " -> q" + i + " (each runs");
        }
        assertThat(e.problems().getLast()).startsWith("and 80 more cycles, through 160 more tasks: ");
    }

    @Test
    void aSelfDependencyAmongOtherTasksIsOneCycle() {
        TaskKey<String> a = TaskKey.of("a", String.class);
        TaskKey<String> b = TaskKey.of("b", String.class);
        TaskKey<String> c = TaskKey.of("c", String.class);
        var alone = buildFails(Graph.builder("g", Void.class)
                .task(a, WORK).task(b, List.of(a, TaskKey.of("b", String.class)), WORK).task(c, List.of(b), WORK));
        assertThat(alone.problems()).singleElement().asString().startsWith("cycle b -> b (each runs");

        // a runs after itself and after b, which runs after a: one group, shown by its shortest loop
        var inAGroup = buildFails(Graph.builder("g", Void.class)
                .task(a, List.of(a, b), WORK).task(b, List.of(a), WORK));
        assertThat(inAGroup.problems()).singleElement().asString()
                .startsWith("cycle a -> a (each runs after the one before it); tasks a, b (2 in all) depend on each other");
    }

    @Test
    void theSameGraphGivesTheSameMessage() {
        var first = buildFails(randomGraph(new Random(7), 300, 0.02));
        var second = buildFails(randomGraph(new Random(7), 300, 0.02));
        assertThat(first).hasMessage(second.getMessage());
    }

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    /**
     * Against a brute-force closure: one entry per group of tasks that reach each other (or a task that
     * depends on itself), ordered by each group's first-declared task; its example is a real cycle through
     * that task, and no shorter one exists.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void everyGroupIsReportedWithAShortestCycleThroughItsFirstTask(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(10);
        double density = random.nextDouble() * 0.4;
        boolean[][] dependsOn = new boolean[n][n];
        Graph.Builder<Void> builder = Graph.builder("g" + seed, Void.class);
        List<TaskKey<String>> t = keys("t", n);
        for (int i = 0; i < n; i++) {
            List<TaskKey<String>> after = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (random.nextDouble() < density) {
                    dependsOn[i][j] = true;
                    after.add(t.get(j));
                }
            }
            builder.task(t.get(i), after, WORK);
        }
        int[][] dist = shortestPaths(dependsOn); // dist[i][i]: the shortest cycle through i
        List<Integer> firsts = new ArrayList<>(); // the first-declared task of each cyclic group
        for (int i = 0; i < n; i++) {
            boolean first = dist[i][i] < Integer.MAX_VALUE;
            for (int j = 0; j < i && first; j++) {
                first = !(dist[i][j] < Integer.MAX_VALUE && dist[j][i] < Integer.MAX_VALUE);
            }
            if (first) {
                firsts.add(i);
            }
        }
        if (firsts.isEmpty()) {
            assertThat(builder.build().tasks()).hasSize(n);
            return;
        }
        List<String> problems = buildFails(builder).problems();
        assertThat(problems).hasSize(firsts.size());
        Pattern entry = Pattern.compile("cycle ([t0-9 >-]+) \\(each runs after the one before it\\)(; tasks [t0-9, ]+ \\((\\d+) in all\\))?.*");
        for (int k = 0; k < firsts.size(); k++) {
            int s = firsts.get(k);
            Matcher m = entry.matcher(problems.get(k));
            assertThat(m.matches()).as(problems.get(k)).isTrue();
            int[] cycle = Arrays.stream(m.group(1).split(" -> ")).mapToInt(name -> Integer.parseInt(name.substring(1))).toArray();
            assertThat(cycle[cycle.length - 2]).as("the group's first task closes the example").isEqualTo(s);
            assertThat(cycle[0]).isEqualTo(cycle[cycle.length - 1]);
            for (int i = 1; i < cycle.length; i++) {
                assertThat(dependsOn[cycle[i]][cycle[i - 1]]).as("t%d runs after t%d", cycle[i], cycle[i - 1]).isTrue();
            }
            assertThat(cycle.length - 1).as("shortest").isEqualTo(dist[s][s]);
            long groupSize = 0;
            for (int j = 0; j < n; j++) {
                if (j == s || dist[s][j] < Integer.MAX_VALUE && dist[j][s] < Integer.MAX_VALUE) {
                    groupSize++;
                }
            }
            long shown = m.group(3) == null ? cycle.length - 1 : Long.parseLong(m.group(3));
            assertThat(shown).as("tasks in the group").isEqualTo(groupSize);
        }
    }

    /** Floyd–Warshall along "depends on" edges, with no zero-length path from a task to itself. */
    private static int[][] shortestPaths(boolean[][] dependsOn) {
        int n = dependsOn.length;
        int[][] d = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = dependsOn[i][j] ? 1 : Integer.MAX_VALUE;
            }
        }
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (d[i][k] < Integer.MAX_VALUE && d[k][j] < Integer.MAX_VALUE) {
                        d[i][j] = Math.min(d[i][j], d[i][k] + d[k][j]);
                    }
                }
            }
        }
        return d;
    }

    private static Graph.Builder<Void> randomGraph(Random random, int n, double density) {
        List<TaskKey<String>> t = keys("t", n);
        Graph.Builder<Void> builder = Graph.builder("random", Void.class);
        for (int i = 0; i < n; i++) {
            List<TaskKey<String>> after = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                if (random.nextDouble() < density) {
                    after.add(t.get(j));
                }
            }
            builder.task(t.get(i), after, WORK);
        }
        return builder;
    }
}
