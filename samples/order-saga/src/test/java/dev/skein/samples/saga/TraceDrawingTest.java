package dev.skein.samples.saga;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceDrawingTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @TempDir
    Path dir;

    @Test
    void spansFromBothFilesAreDrawnParentsFirstSiblingsByStartChildrenIndented() throws IOException {
        Path orders = dir.resolve("order-service-spans.jsonl");
        Path payments = dir.resolve("payment-service-spans.jsonl");
        Files.write(orders, List.of(
                span("b2", "a1", "order-service", "reserve stock", 20, 40, "succeeded"),
                span("a1", "ff", "order-service", "POST /orders", 0, 100, null),
                span("b1", "a1", "order-service", "authorise payment", 10, 90, "failed"),
                span("x9", "zz", "order-service", "another trace's span", 0, 1, null).replace(TRACE, "0".repeat(32))));
        Files.write(payments, List.of(span("c1", "b1", "payment-service", "POST /payments/{orderId}/authorise", 15, 80, null)));

        TraceDrawing drawing = TraceDrawing.read(TRACE, List.of(orders, payments, dir.resolve("missing.jsonl")));

        assertThat(drawing.size()).isEqualTo(4);
        List<String> lines = drawing.text(20).lines().skip(1).toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("order-service", "POST /orders").contains("|####################|");
        assertThat(lines.get(1)).contains("  authorise payment [failed]");
        assertThat(lines.get(2)).contains("payment-service", "    POST /payments/{orderId}/authorise");
        assertThat(lines.get(3)).contains("  reserve stock").doesNotContain("[");
        assertThat(drawing.svg()).startsWith("<svg").contains("POST /payments/{orderId}/authorise")
                .contains("stroke=\"#d00\"").doesNotContain("another trace");
    }

    @Test
    void aTraceWithNoSpansYetIsEmpty() {
        assertThat(TraceDrawing.read(TRACE, List.of(dir.resolve("none.jsonl"))).isEmpty()).isTrue();
    }

    private static String span(String id, String parent, String service, String name, long startMs, long endMs,
            String outcome) {
        String attributes = outcome == null ? "{}" : "{\"skein.outcome\":\"" + outcome + "\"}";
        return ("{\"traceId\":\"%s\",\"spanId\":\"%s\",\"parentSpanId\":\"%s\",\"name\":\"%s\",\"service\":\"%s\","
                + "\"kind\":\"INTERNAL\",\"start\":%d,\"end\":%d,\"status\":\"UNSET\",\"attributes\":%s}")
                .formatted(TRACE, id, parent, name, service, startMs * 1_000_000, endMs * 1_000_000, attributes);
    }
}
