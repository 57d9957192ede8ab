package dev.skein.samples.modulepath;

import dev.skein.graph.Graph;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskKey;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import dev.skein.scope.Scope;
import dev.skein.telemetry.SkeinTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Uses each part of Skein that depends on a third-party module: SmallRye Fault Tolerance (a policy with a
 * retry, breaker, rate limit, timeout and bulkhead), the OpenTelemetry API and SDK (spans of a scope and
 * its branches) and a task graph whose task runs through the policy. Prints one line per check, and exits
 * with status 1 if one fails.
 */
public final class ModularApp {

    static final TaskKey<String> FETCH = TaskKey.of("fetch", String.class);
    static final TaskKey<Integer> MEASURE = TaskKey.of("measure", Integer.class);

    private ModularApp() {
    }

    public static void main(String[] args) throws Exception {
        SpanCollector spans = new SpanCollector();
        SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
        SkeinTelemetry.install(OpenTelemetrySdk.builder().setTracerProvider(tracing).build());
        boolean passed;
        try {
            passed = run(spans);
        } finally {
            SkeinTelemetry.uninstall();
            tracing.close();
        }
        if (!passed) {
            System.exit(1);
        } // otherwise the JVM ends on its own: neither Skein nor SmallRye's timer keeps it alive
    }

    private static boolean run(SpanCollector spans) throws Exception {
        Policy policy = Policies.define("quotes", p -> p
                .withRetry(r -> r.withMaxRetries(2))
                .withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(10))
                .withRateLimit(rl -> rl.withLimit(100))
                .withTimeout(Duration.ofSeconds(10))
                .withBulkhead(5));
        AtomicInteger attempts = new AtomicInteger();
        String quote = policy.call(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("first attempt fails, the retry succeeds");
            }
            return "quote";
        });
        boolean ok = check("policy call: " + quote + " after " + attempts.get() + " attempts",
                quote.equals("quote") && attempts.get() == 2);

        int sum = Scope.run(cfg -> cfg.withName("traced scope"), scope -> {
            var a = scope.fork("a", () -> 1);
            var b = scope.fork("b", () -> 2);
            scope.join();
            return a.resultNow() + b.resultNow();
        });
        List<String> names = spans.names();
        ok &= check("traced scope: sum " + sum + ", spans " + names,
                sum == 3 && names.containsAll(List.of("traced scope", "a", "b")));

        Graph<String> graph = Graph.builder("measure", String.class)
                .task(FETCH, in -> in.input().toUpperCase(), task -> task.withPolicy("quotes"))
                .task(MEASURE, List.of(FETCH), in -> in.get(FETCH).length())
                .build();
        RunReport report = graph.run("skein");
        ok &= check("graph run: " + report.outcome() + ", measure = " + report.get(MEASURE),
                report.succeeded() && report.get(MEASURE) == 5);
        return ok;
    }

    private static boolean check(String line, boolean passed) {
        System.out.println((passed ? "ok " : "FAILED ") + line);
        return passed;
    }

    /** Keeps the names of ended spans, for the check above. */
    private static final class SpanCollector implements SpanExporter {
        private final Queue<String> names = new ConcurrentLinkedQueue<>();

        List<String> names() {
            return List.copyOf(names);
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> batch) {
            batch.forEach(span -> names.add(span.getName()));
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
