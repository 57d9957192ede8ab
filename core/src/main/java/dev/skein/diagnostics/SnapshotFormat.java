package dev.skein.diagnostics;

import java.time.Duration;
import java.util.List;

/** Renders snapshots as indented text and as JSON (no JSON library needed). */
final class SnapshotFormat {

    private SnapshotFormat() {
    }

    static String text(List<ScopeSnapshot> scopes) {
        StringBuilder out = new StringBuilder();
        if (scopes.isEmpty()) {
            out.append("(no open scopes)\n");
        }
        for (ScopeSnapshot scope : scopes) {
            text(out, scope, "");
        }
        return out.toString();
    }

    private static void text(StringBuilder out, ScopeSnapshot scope, String indent) {
        out.append(indent).append("scope '").append(scope.name()).append("' #").append(scope.id())
                .append(" [").append(scope.kind()).append(", ").append(scope.state()).append("] age ")
                .append(millis(scope.age()));
        scope.deadlineLeft().ifPresent(left -> out.append(", deadline in ").append(millis(left)));
        scope.cancellation().ifPresent(c -> out.append(", cancelled: ").append(c));
        scope.openedAt().ifPresent(site -> out.append(", opened at ").append(site));
        out.append('\n');
        for (BranchSnapshot branch : scope.branches()) {
            out.append(indent).append("  branch '").append(branch.name()).append("' [").append(branch.state())
                    .append(", thread ").append(branch.threadState()).append("] age ").append(millis(branch.age()))
                    .append('\n');
            for (StackTraceElement frame : branch.waitingAt()) {
                out.append(indent).append("      at ").append(frame).append('\n');
            }
            for (ScopeSnapshot nested : branch.scopes()) {
                text(out, nested, indent + "    ");
            }
        }
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    static String json(List<ScopeSnapshot> scopes) {
        StringBuilder out = new StringBuilder();
        array(out, scopes);
        return out.toString();
    }

    private static void array(StringBuilder out, List<ScopeSnapshot> scopes) {
        out.append('[');
        for (int i = 0; i < scopes.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            json(out, scopes.get(i));
        }
        out.append(']');
    }

    private static void json(StringBuilder out, ScopeSnapshot scope) {
        out.append("{\"id\":").append(scope.id());
        field(out, "name", scope.name());
        field(out, "kind", scope.kind());
        field(out, "state", scope.state());
        out.append(",\"ageMillis\":").append(scope.age().toMillis());
        out.append(",\"deadlineLeftMillis\":")
                .append(scope.deadlineLeft().map(d -> String.valueOf(d.toMillis())).orElse("null"));
        field(out, "cancellation", scope.cancellation().orElse(null));
        field(out, "openedAt", scope.openedAt().map(String::valueOf).orElse(null));
        field(out, "owner", scope.owner());
        out.append(",\"branches\":[");
        for (int i = 0; i < scope.branches().size(); i++) {
            BranchSnapshot branch = scope.branches().get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append('{');
            out.append("\"name\":");
            string(out, branch.name());
            field(out, "state", branch.state().name());
            out.append(",\"ageMillis\":").append(branch.age().toMillis());
            field(out, "cancellation", branch.cancellation().orElse(null));
            field(out, "threadState", branch.threadState().name());
            out.append(",\"waitingAt\":[");
            for (int f = 0; f < branch.waitingAt().size(); f++) {
                if (f > 0) {
                    out.append(',');
                }
                string(out, branch.waitingAt().get(f).toString());
            }
            out.append("],\"scopes\":");
            array(out, branch.scopes());
            out.append('}');
        }
        out.append("]}");
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        string(out, value);
    }

    private static void string(StringBuilder out, String value) {
        if (value == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
