package dev.skein.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.diagnostics.Diagnostics;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.Collection;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * OpenTelemetry code that throws {@code Error}s (an exporter behind a {@code SimpleSpanProcessor}, a span
 * processor, a carrier, a span-name function) is logged; it never breaks a scope, never fails a branch and
 * never leaves a scope in the live tree.
 */
class HostileTelemetryTest {

    /** Throws an Error exporting, or starting, spans whose name starts with "explodes". */
    static final class Exploding implements SpanExporter, SpanProcessor {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            if (spans.stream().anyMatch(s -> s.getName().startsWith("explodes on end"))) {
                throw new AssertionError("an exporter that fails on end");
            }
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
            if (span.getName().startsWith("explodes on start")) {
                throw new StackOverflowError("a span processor that fails on start");
            }
        }

        @Override
        public boolean isStartRequired() {
            return true;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public void close() {
        }
    }

    private final OpenTelemetrySdk sdk;

    HostileTelemetryTest() {
        Exploding exploding = new Exploding();
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(exploding).addSpanProcessor(SimpleSpanProcessor.create(exploding)).build()).build();
        SkeinTelemetry.install(sdk);
    }

    @AfterEach
    void close() {
        SkeinTelemetry.uninstall();
        SkeinTelemetry.nameSpans(UnaryOperator.identity());
        sdk.close();
    }

    @Test
    void anExporterThatThrowsAnErrorOnEndNeitherEscapesCloseNorLeavesTheScopeLive() throws Exception {
        try (var scope = Scope.open(cfg -> cfg.withName("explodes on end, root"))) {
            scope.fork("work", () -> 1);
            scope.join();
        } // close() ends the span: the exporter's Error must not come out of here
        assertThat(Diagnostics.snapshot()).noneMatch(s -> s.name().startsWith("explodes"));
    }

    @Test
    void anExporterThatThrowsAnErrorOnANestedScopesSpanNeitherFailsItsBranchNorCancelsTheSiblings() throws Exception {
        Scope.run(cfg -> cfg.withName("outer"), scope -> {
            Branch<String> nesting = scope.fork("nesting", () -> Scope.run(
                    cfg -> cfg.withName("explodes on end, nested"), nested -> {
                        nested.fork("inner work", () -> 1);
                        nested.join();
                        return "nested done";
                    }));
            Branch<String> sibling = scope.fork("sibling", () -> "sibling done");
            scope.join();
            assertThat(nesting.resultNow()).isEqualTo("nested done");
            assertThat(sibling.resultNow()).isEqualTo("sibling done");
            return null;
        });
    }

    @Test
    void aSpanProcessorThatThrowsAnErrorOnStartDoesNotKeepAScopeFromOpeningOrABranchFromRunning() throws Exception {
        String result = Scope.run(cfg -> cfg.withName("explodes on start, scope"), scope -> {
            Branch<String> branch = scope.fork("explodes on start, branch", () -> "ran");
            scope.join();
            return branch.resultNow();
        });
        assertThat(result).isEqualTo("ran");
    }

    @Test
    void aCarrierThatThrowsAnErrorOnCaptureDoesNotKeepAScopeFromOpening() throws Exception {
        HostileCarrier.ARMED.set(true);
        try {
            int result = Scope.run(scope -> {
                Branch<Integer> b = scope.fork("carried", () -> 7);
                scope.join();
                return b.resultNow();
            });
            assertThat(result).isEqualTo(7);
        } finally {
            HostileCarrier.ARMED.remove();
        }
    }

    @Test
    void aSpanNameFunctionThatThrowsAnErrorKeepsTheNamesAsTheyAre() throws Exception {
        SkeinTelemetry.nameSpans(name -> {
            throw new AssertionError("a naming function that fails");
        });
        int result = Scope.run(cfg -> cfg.withName("named"), scope -> {
            Branch<Integer> b = scope.fork("branch", () -> 7);
            scope.join();
            return b.resultNow();
        });
        assertThat(result).isEqualTo(7);
    }

    /** Registered once for the JVM; captures (and throws) only while armed, so other tests never see it. */
    static final class HostileCarrier {
        static final ThreadLocal<Boolean> ARMED = new ThreadLocal<>();

        static {
            SkeinTelemetry.carry(new ContextCarrier() {
                @Override
                public Object capture() {
                    if (Boolean.TRUE.equals(ARMED.get())) {
                        throw new AssertionError("a carrier that fails on capture");
                    }
                    return null;
                }

                @Override
                public AutoCloseable install(Object captured) {
                    return () -> {
                    };
                }
            });
        }
    }
}
