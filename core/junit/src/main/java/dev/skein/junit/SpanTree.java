package dev.skein.junit;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The finished spans of a test as an indented tree of names, to assert in a few lines what a request
 * made (with the OpenTelemetry SDK's {@code InMemorySpanExporter}, for instance):
 * {@snippet :
 * SpanTree.assertTree(exporter.getFinishedSpanItems(), """
 *         POST /orders
 *           place order [failed]
 *             authorise payment [failed]
 *             create order
 *           place order compensation
 *             compensate create order
 *         """);
 * }
 * Each line is a span's name, with Skein's {@code skein.outcome} in brackets when it has one (a Skein span
 * without one succeeded); children are
 * indented two spaces under their parent and sorted by name, then by what lies below them (parallel
 * branches start in any order). Spans whose parent is not among them are roots.
 */
public final class SpanTree {

    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("skein.outcome");

    private SpanTree() {
    }

    /** {@return the tree of {@code spans}, one line per span} */
    public static String render(List<SpanData> spans) {
        Set<String> ids = spans.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
        Map<String, List<SpanData>> children = spans.stream()
                .filter(s -> ids.contains(s.getParentSpanId()))
                .collect(Collectors.groupingBy(SpanData::getParentSpanId));
        List<SpanData> roots = spans.stream().filter(s -> !ids.contains(s.getParentSpanId())).toList();
        StringBuilder out = new StringBuilder();
        for (String tree : subtrees(roots, 0, children, new HashSet<>())) {
            out.append(tree);
        }
        return out.toString();
    }

    /** Each span's rendered subtree, sorted: by name first, then by what lies below (not start time). */
    private static List<String> subtrees(List<SpanData> spans, int depth, Map<String, List<SpanData>> children,
            Set<String> seen) {
        List<String> rendered = new ArrayList<>();
        for (SpanData span : spans) {
            if (seen.add(span.getSpanId())) {
                StringBuilder out = new StringBuilder("  ".repeat(depth)).append(span.getName());
                String outcome = span.getAttributes().get(OUTCOME);
                if (outcome != null) {
                    out.append(" [").append(outcome).append(']');
                }
                out.append('\n');
                subtrees(children.getOrDefault(span.getSpanId(), List.of()), depth + 1, children, seen).forEach(out::append);
                rendered.add(out.toString());
            }
        }
        rendered.sort(Comparator.naturalOrder());
        return rendered;
    }

    /**
     * Asserts that {@code spans} form exactly the tree {@code expected} (its common indentation and
     * surrounding blank lines are ignored).
     * @throws AssertionError showing both trees when they differ
     */
    public static void assertTree(List<SpanData> spans, String expected) {
        String want = expected.stripIndent().strip();
        String got = render(spans).strip();
        if (!want.equals(got)) {
            throw new AssertionError("span tree differs\nexpected:\n" + want + "\nbut was:\n" + got);
        }
    }
}
