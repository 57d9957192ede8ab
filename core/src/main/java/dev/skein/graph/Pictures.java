package dev.skein.graph;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Draws graphs (Mermaid flowchart, DOT) and runs (Mermaid Gantt). */
final class Pictures {

    private Pictures() {
    }

    static String mermaid(Graph<?> graph) {
        StringBuilder s = new StringBuilder("flowchart LR\n");
        for (Node<?> n : graph.nodes) {
            String label = mermaidText(n.name) + (n.options.optional ? " (optional)" : "")
                    + (n.compensable() ? "<br/><i>compensable</i>" : "");
            s.append("    t").append(n.index).append("[\"").append(label).append("\"]\n");
        }
        for (Node<?> n : graph.nodes) {
            for (int d : n.dependents) {
                s.append("    t").append(n.index).append(" --> t").append(d).append('\n');
            }
        }
        return s.toString();
    }

    static String dot(Graph<?> graph) {
        StringBuilder s = new StringBuilder("digraph \"").append(dotText(graph.name)).append("\" {\n")
                .append("    rankdir=LR;\n    node [shape=box];\n");
        for (Node<?> n : graph.nodes) {
            s.append("    \"").append(dotText(n.name)).append('"');
            if (n.options.optional) {
                s.append(" [style=dashed]");
            }
            s.append(";\n");
        }
        for (Node<?> n : graph.nodes) {
            for (int d : n.dependents) {
                s.append("    \"").append(dotText(n.name)).append("\" -> \"")
                        .append(dotText(graph.nodes.get(d).name)).append("\";\n");
            }
        }
        return s.append("}\n").toString();
    }

    static String gantt(Graph<?> graph, RunReport report) {
        List<TaskReport> tasks = report.tasks();
        Set<Integer> critical = criticalPath(graph, tasks);
        Instant zero = report.startedAt();
        Duration span = report.duration();
        for (TaskReport t : tasks) {
            if (t.compensationEndedAt().isPresent()) {
                span = max(span, Duration.between(zero, t.compensationEndedAt().get()));
            }
        }
        StringBuilder s = new StringBuilder("gantt\n")
                .append("    title ").append(ganttText(report.graphName())).append(": ")
                .append(report.outcome()).append('\n')
                .append("    dateFormat x\n")
                .append("    axisFormat ").append(axisFormat(span)).append('\n')
                .append("    section tasks\n");
        for (int i = 0; i < tasks.size(); i++) {
            TaskReport t = tasks.get(i);
            if (t.startedAt().isEmpty()) {
                continue;
            }
            String tags = (critical.contains(i) ? "crit, " : "")
                    + (t.failure().isPresent() || t.outcome() == TaskOutcome.CANCELLED ? "active" : "done");
            bar(s, t.name() + " " + t.outcome(), tags, "t" + i, zero, t.startedAt().get(), t.endedAt().get());
        }
        boolean header = false;
        for (int i = 0; i < tasks.size(); i++) {
            TaskReport t = tasks.get(i);
            if (t.compensationStartedAt().isEmpty()) {
                continue;
            }
            if (!header) {
                s.append("    section compensation\n");
                header = true;
            }
            String tags = t.compensationFailure().isPresent() ? "active" : "done";
            bar(s, "undo " + t.name() + " (" + t.compensationAttempts() + " attempt"
                    + (t.compensationAttempts() == 1 ? "" : "s") + ")", tags, "c" + i, zero,
                    t.compensationStartedAt().get(), t.compensationEndedAt().get());
        }
        return s.toString();
    }

    private static void bar(StringBuilder s, String label, String tags, String id, Instant zero, Instant start,
            Instant end) {
        long from = Duration.between(zero, start).toMillis();
        long to = Math.max(from + 1, Duration.between(zero, end).toMillis());
        s.append("    ").append(ganttText(label)).append(" :").append(tags).append(", ")
                .append(id).append(", ").append(from).append(", ").append(to).append('\n');
    }

    /**
     * The chain of tasks that decided the run's length: from the task that ended last, back through the
     * dependency of each that ended last.
     */
    private static Set<Integer> criticalPath(Graph<?> graph, List<TaskReport> tasks) {
        Set<Integer> path = new HashSet<>();
        int at = -1;
        for (int i = 0; i < tasks.size(); i++) {
            if (tasks.get(i).endedAt().isPresent()
                    && (at < 0 || tasks.get(i).endedAt().get().isAfter(tasks.get(at).endedAt().get()))) {
                at = i;
            }
        }
        while (at >= 0) {
            path.add(at);
            int previous = -1;
            for (int d : graph.nodes.get(at).dependencies) {
                if (tasks.get(d).endedAt().isPresent() && (previous < 0
                        || tasks.get(d).endedAt().get().isAfter(tasks.get(previous).endedAt().get()))) {
                    previous = d;
                }
            }
            at = previous;
        }
        return path;
    }

    /**
     * Times are milliseconds since the epoch, which Mermaid renders in the viewer's time zone: seconds and
     * milliseconds read as elapsed time, hours do not (and minutes not in zones with half-hour offsets).
     */
    private static String axisFormat(Duration span) {
        return span.toSeconds() < 60 ? "%S.%L s" : "%M:%S";
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * Escapes, as Mermaid entity codes, what would end a quoted label ({@code "}), start an entity
     * ({@code #}, {@code ;}), be read as HTML ({@code <}, {@code >}, {@code &}) or as a Markdown string
     * ({@code `}); a line break or other control character, which would end the statement, becomes a space.
     */
    private static String mermaidText(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"', '#', ';', '<', '>', '&', '`' -> s.append('#').append((int) c).append(';');
                default -> s.append(isBreak(c) ? ' ' : c);
            }
        }
        return s.toString();
    }

    /**
     * Gantt labels are not quoted: the characters that separate fields become spaces, as do line breaks and
     * other control characters (each statement is one line).
     */
    private static String ganttText(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            s.append(c == ':' || c == ';' || c == '#' || isBreak(c) ? ' ' : c);
        }
        return s.toString();
    }

    /**
     * A quoted DOT string: a backslash doubled (else Graphviz reads {@code \N}, {@code \G}... as escapes of a
     * label), a quote escaped, a line break as DOT's {@code \n}, another control character as a space.
     */
    private static String dotText(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> s.append("\\\\");
                case '"' -> s.append("\\\"");
                case '\n' -> s.append("\\n");
                case '\r' -> { }
                default -> s.append(isBreak(c) ? ' ' : c);
            }
        }
        return s.toString();
    }

    private static boolean isBreak(char c) {
        return Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
    }
}
