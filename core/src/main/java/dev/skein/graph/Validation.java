package dev.skein.graph;

import dev.skein.internal.Text;
import dev.skein.scope.ScopeConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a graph's declarations and lists every problem, each with how to fix it. Every name in a
 * problem goes through {@link Text#name}, and cycles are grouped and capped (see {@link #cycles}), so
 * each problem stays within a few kilobytes whatever the graph.
 */
final class Validation {

    /** The most cycles listed; the rest are counted in one more problem. */
    private static final int MAX_CYCLES = 20;
    /** An example cycle longer than twice this shows this many tasks from each end. */
    private static final int CYCLE_ENDS = 5;
    /** The most tasks of a group named, in declaration order. */
    private static final int GROUP_NAMES = 10;

    private Validation() {
    }

    static List<String> problems(String graphName, List<? extends Node<?>> nodes, ScopeConfig runScope) {
        List<String> problems = new ArrayList<>();
        String graph = Text.name(graphName);
        if (runScope.maxConcurrency() > 0) {
            problems.add("the scope of graph '" + graph + "' sets withMaxConcurrency(" + runScope.maxConcurrency()
                    + "): a cap on a graph's scope can deadlock tasks that start their dependents; remove it");
        }
        if (nodes.isEmpty()) {
            problems.add("graph '" + graph + "' has no tasks: add at least one with task(...)");
            return problems;
        }
        Map<String, Node<?>> byName = new LinkedHashMap<>();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Node<?> n : nodes) {
            byName.putIfAbsent(n.name, n);
            counts.merge(n.name, 1, Integer::sum);
        }
        counts.forEach((name, count) -> {
            if (count > 1) {
                problems.add("task '" + Text.name(name) + "' is declared " + count
                        + " times: names must be unique in a graph; rename all but one");
            }
        });
        for (Node<?> n : nodes) {
            String task = Text.name(n.name);
            if (n.options.policyName != null && n.policy == null) {
                String policy = Text.name(n.options.policyName);
                problems.add("task '" + task + "' uses policy '" + policy + "', which is not defined: "
                        + "define it with Policies.define(\"" + policy + "\", ...) before building the graph");
            }
            if (n.options.uncertainCompensation != null && n.options.compensation == null) {
                problems.add("task '" + task + "' has an uncertain compensation but no compensation: if it "
                        + "succeeds and the run fails later, nothing undoes it; add withCompensation(...)");
            }
            for (TaskKey<?> dependency : n.declaredDependencies) {
                Node<?> producer = byName.get(dependency.name());
                String needed = Text.name(dependency.name());
                if (producer == null) {
                    problems.add("task '" + task + "' runs after '" + needed
                            + "', which is not a task of this graph: declare '" + needed
                            + "' with task(...), or remove it from the dependencies of '" + task + "'");
                } else if (!dependency.type().isAssignableFrom(producer.key.type())) {
                    problems.add("task '" + task + "' reads '" + needed + "' as "
                            + dependency.type().getName() + ", but '" + needed + "' produces "
                            + producer.key.type().getName() + ": declare the dependency as TaskKey.of(\""
                            + needed + "\", " + producer.key.type().getSimpleName() + ".class)");
                }
            }
        }
        problems.addAll(cycles(byName));
        return problems;
    }

    /**
     * One problem per group of tasks that depend on each other in a loop (a strongly connected component
     * with a cycle; a task that depends on itself counts), in the order of each group's first-declared
     * task, at most {@value #MAX_CYCLES} of them and then one with the count of the rest. Each shows the
     * shortest cycle through the group's first-declared task. Linear in tasks and dependencies, and
     * iterative: chains of any length, no recursion.
     */
    private static List<String> cycles(Map<String, Node<?>> byName) {
        String[] names = byName.keySet().toArray(String[]::new);
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
        int[][] dependsOn = new int[names.length][];
        for (int i = 0; i < names.length; i++) {
            dependsOn[i] = byName.get(names[i]).declaredDependencies.stream()
                    .map(d -> index.get(d.name())).filter(Objects::nonNull).mapToInt(Integer::intValue).toArray();
        }
        int[] component = new int[names.length];
        List<int[]> groups = new ArrayList<>();
        for (int[] members : components(dependsOn, component)) {
            if (members.length > 1 || contains(dependsOn[members[0]], members[0])) {
                groups.add(members);
            }
        }
        groups.sort(Comparator.comparingInt(members -> members[0]));
        List<String> found = new ArrayList<>();
        for (int[] members : groups.subList(0, Math.min(MAX_CYCLES, groups.size()))) {
            found.add(cycleMessage(shortestCycle(members[0], dependsOn, component), members, names));
        }
        if (groups.size() > MAX_CYCLES) {
            List<int[]> rest = groups.subList(MAX_CYCLES, groups.size());
            found.add("and " + rest.size() + " more cycles, through " + rest.stream().mapToInt(m -> m.length).sum()
                    + " more tasks: a task cannot depend on itself, directly or through others; fix the cycles "
                    + "above and build again to see these");
        }
        return found;
    }

    /**
     * Tarjan's strongly connected components, with explicit stacks instead of recursion. Fills
     * {@code component} (each task's component number) and returns each component's members, ascending.
     */
    private static List<int[]> components(int[][] dependsOn, int[] component) {
        int n = dependsOn.length;
        int[] order = new int[n]; // when each task was reached, from 1; 0: not yet
        int[] low = new int[n];
        boolean[] open = new boolean[n]; // on the stack of tasks whose component is not yet closed
        int[] stack = new int[n];
        int[] path = new int[n];
        int[] nextEdge = new int[n];
        int reached = 0;
        int top = 0;
        List<int[]> components = new ArrayList<>();
        for (int start = 0; start < n; start++) {
            if (order[start] != 0) {
                continue;
            }
            int depth = 0;
            path[depth++] = start;
            order[start] = low[start] = ++reached;
            stack[top++] = start;
            open[start] = true;
            nextEdge[start] = 0;
            while (depth > 0) {
                int v = path[depth - 1];
                if (nextEdge[v] < dependsOn[v].length) {
                    int w = dependsOn[v][nextEdge[v]++];
                    if (order[w] == 0) {
                        path[depth++] = w;
                        order[w] = low[w] = ++reached;
                        stack[top++] = w;
                        open[w] = true;
                        nextEdge[w] = 0;
                    } else if (open[w]) {
                        low[v] = Math.min(low[v], order[w]);
                    }
                    continue;
                }
                depth--;
                if (depth > 0) {
                    int parent = path[depth - 1];
                    low[parent] = Math.min(low[parent], low[v]);
                }
                if (low[v] == order[v]) {
                    int size = 0;
                    while (stack[top - 1 - size] != v) {
                        size++;
                    }
                    int[] members = Arrays.copyOfRange(stack, top - 1 - size, top);
                    top -= members.length;
                    for (int m : members) {
                        open[m] = false;
                        component[m] = components.size();
                    }
                    Arrays.sort(members);
                    components.add(members);
                }
            }
        }
        return components;
    }

    /**
     * {@return the shortest cycle through {@code start} in running order, ending with {@code start} and
     * then the first task again} A breadth-first walk along "depends on" edges inside start's component.
     */
    private static List<Integer> shortestCycle(int start, int[][] dependsOn, int[] component) {
        Map<Integer, Integer> cameFrom = new HashMap<>();
        Deque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        cameFrom.put(start, start);
        while (!queue.isEmpty()) {
            int v = queue.poll();
            for (int w : dependsOn[v]) {
                if (w == start) { // start -> ... -> v -> start along "depends on": reversed, the running order
                    List<Integer> cycle = new ArrayList<>();
                    for (int at = v; at != start; at = cameFrom.get(at)) {
                        cycle.add(at);
                    }
                    cycle.add(start);
                    cycle.add(v);
                    return cycle;
                }
                if (component[w] == component[start] && !cameFrom.containsKey(w)) {
                    cameFrom.put(w, v);
                    queue.add(w);
                }
            }
        }
        throw new IllegalStateException("no cycle through a task of a cyclic component"); // unreachable
    }

    private static String cycleMessage(List<Integer> cycle, int[] members, String[] names) {
        StringBuilder s = new StringBuilder("cycle ");
        int shown = cycle.size() <= 2 * CYCLE_ENDS + 2 ? cycle.size() : CYCLE_ENDS;
        for (int i = 0; i < shown; i++) {
            s.append(i == 0 ? "" : " -> ").append(Text.name(names[cycle.get(i)]));
        }
        if (shown < cycle.size()) {
            s.append(" -> (").append(cycle.size() - 2 * CYCLE_ENDS).append(" more tasks)");
            for (int i = cycle.size() - CYCLE_ENDS; i < cycle.size(); i++) {
                s.append(" -> ").append(Text.name(names[cycle.get(i)]));
            }
        }
        s.append(" (each runs after the one before it)");
        if (members.length == cycle.size() - 1) {
            return s.append(": a task cannot depend on itself, directly or through others; "
                    + "remove one of these dependencies").toString();
        }
        s.append("; tasks ");
        for (int i = 0; i < Math.min(members.length, GROUP_NAMES); i++) {
            s.append(i == 0 ? "" : ", ").append(Text.name(names[members[i]]));
        }
        return s.append(members.length > GROUP_NAMES ? ", ... (" : " (").append(members.length)
                .append(" in all) depend on each other in loops like it: a task cannot depend on itself, directly or "
                        + "through others; remove dependencies until none of these tasks does").toString();
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }
}
