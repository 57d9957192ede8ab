package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skein.junit.SkeinExtension;
import dev.skein.junit.SkeinTestKit;
import dev.skein.junit.SpanTree;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import dev.skein.telemetry.SkeinTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SkeinExtension.class)
class QuotesTest {

    /** Spans as docs/observability.md says: a policy with a retry makes a span per attempt ("attempt" when unnamed). */
    @Test
    void cheapestQuote() throws Exception {
        InMemorySpanExporter exporter = InMemorySpanExporter.create();
        SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();
        SkeinTelemetry.install(OpenTelemetrySdk.builder().setTracerProvider(tracing).build());
        try {
            assertEquals(12, Quotes.cheapest(10));
        } finally {
            SkeinTelemetry.uninstall();
        }
        SpanTree.assertTree(exporter.getFinishedSpanItems(), """
                quote graph
                  cheapest
                  supplier a
                    attempt
                  supplier b
                quotes
                  supplier a
                    attempt
                  supplier b
                """);
        tracing.close();
    }

    @Test
    void waitsOnABlockedBranchWithoutSleeping(SkeinTestKit kit) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Scope scope = Scope.open()) {
            Branch<Void> waiting = scope.fork("waiting", () -> release.await());
            kit.awaitBlocked("waiting");
            release.countDown();
            scope.join();
            assertEquals(Branch.State.SUCCEEDED, waiting.state());
        }
    }
}
