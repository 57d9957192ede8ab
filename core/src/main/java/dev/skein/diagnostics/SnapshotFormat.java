package dev.skein.diagnostics;

import dev.skein.internal.Text;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Renders snapshots as indented text and as JSON (no JSON library needed). A tree may be as deep as users
 * make it, so both walk it with an explicit stack, and the text's indentation stops growing at
 * {@value #MAX_INDENT} levels (deeper scopes say their depth). Names are cut with {@link Text#name}; in the
 * text, every string a user can shape is escaped so that one entry stays one line; the JSON can be
 * embedded in HTML and survives any encoding.
 */
final class SnapshotFormat {

    static final int MAX_INDENT = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private SnapshotFormat() {
    }

    // ---- text -------------------------------------------------------------------------------------------

    private record Item(Object node, int depth) {
    }

    static String text(List<ScopeSnapshot> scopes) {
        StringBuilder out = new StringBuilder();
        if (scopes.isEmpty()) {
            out.append("(no open scopes)\n");
        }
        Deque<Item> todo = new ArrayDeque<>();
        pushAll(todo, scopes, 0);
        while (!todo.isEmpty()) {
            Item item = todo.pop();
            String indent = "    ".repeat(Math.min(item.depth(), MAX_INDENT));
            if (item.node() instanceof ScopeSnapshot scope) {
                scopeLine(out.append(indent), scope, item.depth());
                pushAll(todo, scope.branches(), item.depth());
            } else {
                BranchSnapshot branch = (BranchSnapshot) item.node();
                out.append(indent).append("  branch '").append(line(Text.name(branch.name()))).append("' [")
                        .append(branch.state()).append(", thread ").append(branch.threadState()).append("] age ")
                        .append(millis(branch.age()));
                branch.cancellation().ifPresent(c -> out.append(", cancelled: ").append(line(c)));
                branch.sinceCancelled().ifPresent(since -> out.append(" (").append(millis(since)).append(" ago)"));
                if (branch.stuck()) {
                    out.append(", STUCK past its cancellation grace");
                }
                out.append('\n');
                for (StackTraceElement frame : branch.waitingAt()) {
                    out.append(indent).append("      at ").append(line(frame.toString())).append('\n');
                }
                pushAll(todo, branch.scopes(), item.depth() + 1);
            }
        }
        return out.toString();
    }

    private static void pushAll(Deque<Item> todo, List<?> nodes, int depth) {
        for (Object node : nodes.reversed()) {
            todo.push(new Item(node, depth));
        }
    }

    private static void scopeLine(StringBuilder out, ScopeSnapshot scope, int depth) {
        if (depth > MAX_INDENT) {
            out.append("(depth ").append(depth).append(") ");
        }
        out.append("scope '").append(line(Text.name(scope.name()))).append("' #").append(scope.id())
                .append(" [").append(scope.kind()).append(", ").append(scope.state()).append("] age ")
                .append(millis(scope.age()));
        scope.deadlineLeft().ifPresent(left -> out.append(", deadline in ").append(millis(left)));
        scope.cancellation().ifPresent(c -> out.append(", cancelled: ").append(line(c)));
        scope.openedAt().ifPresent(site -> out.append(", opened at ").append(line(site.toString())));
        out.append(", owner ").append(line(Text.name(scope.owner()))).append('\n');
    }

    private static String millis(Duration d) {
        return d.toMillis() + " ms";
    }

    /**
     * {@return {@code value} on one line: a backslash doubled; line breaks, tabs, other control characters,
     * U+2028, U+2029 and lone surrogates as escapes}
     */
    static String line(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escape = switch (c) {
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || isLoneSurrogate(value, i)
                        ? unicode(c) : null;
            };
            if (escape != null && out == null) {
                out = new StringBuilder(value.length() + 16).append(value, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? value : out.toString();
    }

    // ---- JSON -------------------------------------------------------------------------------------------

    /**
     * Walks with a stack of what is left to write: literal JSON ({@code String}s) and nodes, so a node is
     * written as its fields, then its children, then what closes it.
     */
    static String json(List<ScopeSnapshot> scopes) {
        StringBuilder out = new StringBuilder();
        Deque<Object> todo = new ArrayDeque<>();
        pushArray(todo, scopes);
        while (!todo.isEmpty()) {
            switch (todo.pop()) {
                case String literal -> out.append(literal);
                case ScopeSnapshot scope -> {
                    scopeFields(out, scope);
                    out.append(",\"branches\":");
                    todo.push("}");
                    pushArray(todo, scope.branches());
                }
                case BranchSnapshot branch -> {
                    branchFields(out, branch);
                    out.append(",\"scopes\":");
                    todo.push("}");
                    pushArray(todo, branch.scopes());
                }
                default -> throw new IllegalStateException("not a snapshot");
            }
        }
        return out.toString();
    }

    private static void pushArray(Deque<Object> todo, List<?> items) {
        todo.push("]");
        for (int i = items.size() - 1; i >= 0; i--) {
            todo.push(items.get(i));
            if (i > 0) {
                todo.push(",");
            }
        }
        todo.push("[");
    }

    private static void scopeFields(StringBuilder out, ScopeSnapshot scope) {
        out.append("{\"id\":").append(scope.id());
        field(out, "name", Text.name(scope.name()));
        field(out, "kind", scope.kind());
        field(out, "state", scope.state());
        out.append(",\"ageMillis\":").append(scope.age().toMillis());
        out.append(",\"deadlineLeftMillis\":")
                .append(scope.deadlineLeft().map(d -> String.valueOf(d.toMillis())).orElse("null"));
        field(out, "cancellation", scope.cancellation().orElse(null));
        field(out, "openedAt", scope.openedAt().map(String::valueOf).orElse(null));
        field(out, "owner", Text.name(scope.owner()));
    }

    private static void branchFields(StringBuilder out, BranchSnapshot branch) {
        out.append("{\"name\":");
        string(out, Text.name(branch.name()));
        field(out, "state", branch.state().name());
        out.append(",\"ageMillis\":").append(branch.age().toMillis());
        field(out, "cancellation", branch.cancellation().orElse(null));
        field(out, "threadState", branch.threadState().name());
        out.append(",\"sinceCancelledMillis\":")
                .append(branch.sinceCancelled().map(d -> String.valueOf(d.toMillis())).orElse("null"));
        out.append(",\"stuck\":").append(branch.stuck());
        out.append(",\"waitingAt\":[");
        for (int f = 0; f < branch.waitingAt().size(); f++) {
            if (f > 0) {
                out.append(',');
            }
            string(out, branch.waitingAt().get(f).toString());
        }
        out.append(']');
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append(",\"").append(name).append("\":");
        string(out, value);
    }

    /**
     * Writes a JSON string. Beyond what JSON requires, {@code <}, {@code >}, {@code &} (so the dump can sit
     * in a {@code <script>}), U+2028 and U+2029 (line breaks to JavaScript) and lone surrogates (which
     * UTF-8 cannot carry) are written as <code>&#92;uXXXX</code>: a JSON reader gets back exactly the Java string.
     */
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
                case '<', '>', '&', '\u2028', '\u2029' -> out.append(unicode(c));
                default -> {
                    if (c < 0x20 || c == 0x7f || isLoneSurrogate(value, i)) {
                        out.append(unicode(c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** {@return whether the char at {@code i} is a surrogate that is not part of a pair} */
    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }

    private static String unicode(char c) {
        return new String(new char[] {'\\', 'u', HEX[c >> 12 & 0xf], HEX[c >> 8 & 0xf], HEX[c >> 4 & 0xf], HEX[c & 0xf]});
    }
}
