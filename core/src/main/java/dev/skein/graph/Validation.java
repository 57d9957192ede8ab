package dev.skein.graph;

import dev.skein.scope.ScopeConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks a graph's declarations and lists every problem, each with how to fix it. */
final class Validation {

    private Validation() {
    }

    static List<String> problems(String graphName, List<? extends Node<?>> nodes, ScopeConfig runScope) {
        List<String> problems = new ArrayList<>();
        if (runScope.maxConcurrency() > 0) {
            problems.add("the scope of graph '" + graphName + "' sets withMaxConcurrency(" + runScope.maxConcurrency()
                    + "): a cap on a graph's scope can deadlock tasks that start their dependents; remove it");
        }
        if (nodes.isEmpty()) {
            problems.add("graph '" + graphName + "' has no tasks: add at least one with task(...)");
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
                problems.add("task '" + name + "' is declared " + count
                        + " times: names must be unique in a graph; rename all but one");
            }
        });
        for (Node<?> n : nodes) {
            if (n.options.policyName != null && n.policy == null) {
                problems.add("task '" + n.name + "' uses policy '" + n.options.policyName + "', which is not defined: "
                        + "define it with Policies.define(\"" + n.options.policyName + "\", ...) before building the graph");
            }
            if (n.options.uncertainCompensation != null && n.options.compensation == null) {
                problems.add("task '" + n.name + "' has an uncertain compensation but no compensation: if it "
                        + "succeeds and the run fails later, nothing undoes it; add withCompensation(...)");
            }
            for (TaskKey<?> dependency : n.declaredDependencies) {
                Node<?> producer = byName.get(dependency.name());
                if (producer == null) {
                    problems.add("task '" + n.name + "' runs after '" + dependency.name()
                            + "', which is not a task of this graph: declare '" + dependency.name()
                            + "' with task(...), or remove it from the dependencies of '" + n.name + "'");
                } else if (!dependency.type().isAssignableFrom(producer.key.type())) {
                    problems.add("task '" + n.name + "' reads '" + dependency.name() + "' as "
                            + dependency.type().getName() + ", but '" + dependency.name() + "' produces "
                            + producer.key.type().getName() + ": declare the dependency as TaskKey.of(\""
                            + dependency.name() + "\", " + producer.key.type().getSimpleName() + ".class)");
                }
            }
        }
        problems.addAll(cycles(byName));
        return problems;
    }

    /** Finds cycles by a depth-first walk (iterative: chains may be long), one message per back edge. */
    private static List<String> cycles(Map<String, Node<?>> byName) {
        List<String> found = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
        for (String start : byName.keySet()) {
            if (state.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            Deque<Integer> nextEdge = new ArrayDeque<>();
            path.push(start);
            nextEdge.push(0);
            state.put(start, 1);
            while (!path.isEmpty()) {
                String at = path.peek();
                List<TaskKey<?>> deps = byName.get(at).declaredDependencies;
                int i = nextEdge.pop();
                if (i == deps.size()) {
                    state.put(at, 2);
                    path.pop();
                    continue;
                }
                nextEdge.push(i + 1);
                String dep = deps.get(i).name();
                if (!byName.containsKey(dep)) {
                    continue;
                }
                Integer s = state.get(dep);
                if (s == null) {
                    state.put(dep, 1);
                    path.push(dep);
                    nextEdge.push(0);
                } else if (s == 1) {
                    found.add(cycleMessage(path, dep));
                }
            }
        }
        return found;
    }

    /** {@code path} is walked along "depends on" edges; the message shows the order tasks would run in. */
    private static String cycleMessage(Deque<String> path, String closing) {
        List<String> cycle = new ArrayList<>();
        for (String name : path) { // from the top of the stack: the task that depends on 'closing' first
            cycle.add(name);
            if (name.equals(closing)) {
                break;
            }
        }
        cycle.add(cycle.getFirst());
        String arrows = String.join(" -> ", cycle);
        return "cycle " + arrows + " (each runs after the one before it): a task cannot depend on itself, "
                + "directly or through others; remove one of these dependencies";
    }
}
