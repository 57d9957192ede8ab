package dev.skein.samples.saga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One trace, read from the services' span files, drawn as a waterfall: as text for the terminal and as SVG.
 * Spans are ordered as a tree (parents before their children, siblings by start), walked without recursion.
 */
final class TraceDrawing {

    /** A span as the files hold it, with its depth in the trace. */
    record Row(String service, String name, long start, long end, String status, Map<String, String> attributes, int depth) {
        long millis() {
            return (end - start) / 1_000_000;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String traceId;
    private final List<Row> rows;

    private TraceDrawing(String traceId, List<Row> rows) {
        this.traceId = traceId;
        this.rows = rows;
    }

    /** The spans of {@code traceId} in {@code files}; empty rows when none were written (yet). */
    static TraceDrawing read(String traceId, List<Path> files) {
        List<JsonNode> spans = new ArrayList<>();
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(file)) {
                    if (line.contains(traceId)) {
                        JsonNode span = JSON.readTree(line);
                        if (span.path("traceId").asText().equals(traceId)) {
                            spans.add(span);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new TraceDrawing(traceId, ordered(spans));
    }

    private static List<Row> ordered(List<JsonNode> spans) {
        Set<String> ids = new HashSet<>();
        spans.forEach(s -> ids.add(s.path("spanId").asText()));
        Map<String, List<JsonNode>> children = new HashMap<>();
        List<JsonNode> roots = new ArrayList<>();
        for (JsonNode span : spans) {
            String parent = span.path("parentSpanId").asText();
            if (ids.contains(parent)) {
                children.computeIfAbsent(parent, p -> new ArrayList<>()).add(span);
            } else {
                roots.add(span);   // its parent is the caller's (here: the launcher's made-up one)
            }
        }
        Comparator<JsonNode> byStart = Comparator.comparingLong(s -> s.path("start").asLong());
        List<Row> rows = new ArrayList<>();
        Deque<Map.Entry<JsonNode, Integer>> toVisit = new ArrayDeque<>();
        roots.stream().sorted(byStart.reversed()).forEach(r -> toVisit.push(Map.entry(r, 0)));
        while (!toVisit.isEmpty()) {
            var next = toVisit.pop();
            JsonNode span = next.getKey();
            Map<String, String> attributes = new HashMap<>();
            span.path("attributes").properties().forEach(a -> attributes.put(a.getKey(), a.getValue().asText()));
            rows.add(new Row(span.path("service").asText(), span.path("name").asText(), span.path("start").asLong(),
                    span.path("end").asLong(), span.path("status").asText(), attributes, next.getValue()));
            children.getOrDefault(span.path("spanId").asText(), List.of()).stream().sorted(byStart.reversed())
                    .forEach(c -> toVisit.push(Map.entry(c, next.getValue() + 1)));
        }
        return rows;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    int size() {
        return rows.size();
    }

    /** A terminal waterfall, {@code width} characters of timeline. */
    String text(int width) {
        long t0 = rows.stream().mapToLong(Row::start).min().orElse(0);
        long t1 = rows.stream().mapToLong(Row::end).max().orElse(1);
        double scale = width / (double) Math.max(1, t1 - t0);
        StringBuilder out = new StringBuilder("   trace " + traceId + "\n");
        int serviceWidth = rows.stream().mapToInt(r -> r.service().length()).max().orElse(1);
        for (Row row : rows) {
            int from = (int) ((row.start() - t0) * scale);
            int to = Math.max(from + 1, (int) Math.ceil((row.end() - t0) * scale));
            String label = "  ".repeat(row.depth()) + row.name() + outcome(row);
            out.append(String.format("   %-" + serviceWidth + "s %-50.50s |%s%s%s| %5d ms%n", row.service(), label, " ".repeat(from),
                    "#".repeat(Math.min(width, to) - from), " ".repeat(Math.max(0, width - Math.min(width, to))), row.millis()));
        }
        return out.toString();
    }

    /** The same waterfall as an SVG picture. */
    String svg() {
        long t0 = rows.stream().mapToLong(Row::start).min().orElse(0);
        long t1 = rows.stream().mapToLong(Row::end).max().orElse(1);
        int labelWidth = 470;
        int barWidth = 560;
        int rowHeight = 22;
        double scale = barWidth / (double) Math.max(1, t1 - t0);
        int height = 40 + rows.size() * rowHeight;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"monospace\" "
                + "font-size=\"12\">%n", labelWidth + barWidth + 90, height));
        svg.append(String.format("<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>%n"
                + "<text x=\"8\" y=\"18\" font-weight=\"bold\">trace %s: %.0f ms</text>%n", traceId, (t1 - t0) / 1e6));
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            int y = 30 + i * rowHeight;
            double x = labelWidth + (row.start() - t0) * scale;
            double w = Math.max(1.5, (row.end() - row.start()) * scale);
            String fill = row.service().startsWith("payment") ? "#e69f00" : "#0072b2";
            String stroke = failed(row) ? " stroke=\"#d00\" stroke-width=\"2\"" : "";
            svg.append(String.format("<text x=\"%d\" y=\"%d\">%s</text>%n", 8 + row.depth() * 14, y + 15,
                    escape(row.name() + outcome(row))));
            svg.append(String.format("<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"%s/>%n", x, y + 3, w,
                    fill, stroke));
            svg.append(String.format("<text x=\"%.1f\" y=\"%d\" fill=\"#444\">%d ms</text>%n", x + w + 4, y + 15, row.millis()));
        }
        svg.append(String.format("<text x=\"%d\" y=\"%d\" fill=\"#0072b2\">order-service</text>"
                + "<text x=\"%d\" y=\"%d\" fill=\"#e69f00\">payment-service</text>%n", labelWidth, 18, labelWidth + 130, 18));
        return svg.append("</svg>\n").toString();
    }

    private static boolean failed(Row row) {
        String outcome = row.attributes().getOrDefault("skein.outcome", "");
        return row.status().equals("ERROR") || (!outcome.isEmpty() && !outcome.equals("succeeded"));
    }

    private static String outcome(Row row) {
        String outcome = row.attributes().get("skein.outcome");
        return outcome == null || outcome.equals("succeeded") ? (row.status().equals("ERROR") ? " [error]" : "")
                : " [" + outcome + "]";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
