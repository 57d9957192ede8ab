package dev.skein.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.scope.Scope;
import dev.skein.telemetry.SkeinTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Asserting a request's span tree in a few lines. */
class SpanTreeTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .build();

    @AfterEach
    void close() {
        SkeinTelemetry.uninstall();
        sdk.close();
    }

    private void request() throws InterruptedException {
        SkeinTelemetry.install(sdk);
        Span request = sdk.getTracer("test").spanBuilder("GET /quote").startSpan();
        try (var current = request.makeCurrent()) {
            Scope.runSupervisor(cfg -> cfg.withName("quotes"), scope -> {
                scope.fork("supplier b", () -> 2);
                scope.fork("supplier a", () -> {
                    throw new IllegalStateException("down");
                });
                scope.join();
                return null;
            });
        } catch (dev.skein.BranchFailedException expected) {
            // part of the tree
        } finally {
            request.end();
        }
    }

    @Test
    void aRequestsTreeIsAssertedInAFewLines() throws Exception {
        request();
        SpanTree.assertTree(exporter.getFinishedSpanItems(), """
                GET /quote
                  quotes [failed]
                    supplier a [failed]
                    supplier b
                """);
    }

    @Test
    void aDifferentTreeFailsShowingBoth() throws Exception {
        request();
        assertThatThrownBy(() -> SpanTree.assertTree(exporter.getFinishedSpanItems(), """
                GET /quote
                  quotes
                """))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected:\nGET /quote\n  quotes\nbut was:")
                .hasMessageContaining("but was:\nGET /quote\n  quotes [failed]\n    supplier a [failed]");
        assertThat(SpanTree.render(exporter.getFinishedSpanItems()).lines()).hasSize(4);
    }
}
