package dev.skein.benchmarks;

import dev.skein.telemetry.SkeinTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Fork and join N trivial branches with the OpenTelemetry SDK recording every scope and branch span (a
 * batch processor whose exporter drops them). Compare with {@code ForkJoinBenchmark.skeinScope}, which
 * runs with no SDK (the no-op API), and with that benchmark under {@code -Dskein.telemetry=off}, which
 * takes Skein's telemetry code path out.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TelemetryBenchmark {

    static final Callable<Integer> TRIVIAL = () -> 1;

    @Param({"10000"})
    public int branches;

    private OpenTelemetrySdk sdk;

    @Setup
    public void install() {
        sdk = droppingSdk();
        SkeinTelemetry.install(sdk);
    }

    @TearDown
    public void uninstall() {
        SkeinTelemetry.uninstall();
        sdk.close();
    }

    @Benchmark
    public void skeinScopeWithSdk() throws InterruptedException {
        try (var scope = dev.skein.scope.Scope.open()) {
            for (int i = 0; i < branches; i++) {
                scope.fork(TRIVIAL);
            }
            scope.join();
        }
    }

    /** {@return an SDK that records every span, through a batch processor whose exporter drops them} */
    static OpenTelemetrySdk droppingSdk() {
        return OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder()
                        .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite(List.of())).build())
                        .build())
                .build();
    }

    /**
     * What Skein's spans are compared with: the same spans made by hand with {@code tracer}, on plain virtual
     * threads. A parent span for the fan-out, current in the caller; a child of it per thread, started, made
     * current around the body and ended there; the parent ended after the last join.
     */
    static void handMadeSpans(int n, Tracer tracer) throws InterruptedException {
        Span parent = tracer.spanBuilder("fan-out").startSpan();
        try (io.opentelemetry.context.Scope ignored = parent.makeCurrent()) {
            Context context = Context.current();
            Thread[] threads = new Thread[n];
            for (int i = 0; i < n; i++) {
                threads[i] = Thread.ofVirtual().start(() -> {
                    Span span = tracer.spanBuilder("branch").setParent(context).startSpan();
                    try (io.opentelemetry.context.Scope current = span.makeCurrent()) {
                        ForkJoinBenchmark.TRIVIAL_RUNNABLE.run();
                    } finally {
                        span.end();
                    }
                });
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } finally {
            parent.end();
        }
    }
}
