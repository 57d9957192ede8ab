package dev.skein.quarkus.test.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With quarkus-opentelemetry, a graph run in a request is part of the request's trace, under its server span. */
class TracingTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = Spans.app();

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void theRunAndItsTasksAreSpansUnderTheHttpServerSpan() {
        given().queryParam("item", "tea").queryParam("quantity", 2).get("/quote").then().statusCode(200).body(is("600"));
        // the server span ends last: once it is exported, so is every span that ended before it
        await().atMost(Duration.ofSeconds(10)).until(() -> Spans.hasServerSpan(exporter));

        SpanData server = Spans.server(exporter);
        SpanData run = Spans.named(exporter, "quote");
        assertThat(run.getParentSpanId()).as("the run's parent").isEqualTo(server.getSpanId());
        for (String task : new String[] {"price", "tax", "total"}) {
            SpanData span = Spans.named(exporter, task);
            assertThat(span.getTraceId()).isEqualTo(server.getTraceId());
            assertThat(span.getParentSpanId()).as("the parent of task %s", task).isEqualTo(run.getSpanId());
        }
        assertThat(Spans.lineage(exporter, Spans.named(exporter, "tax lookup")))
                .containsExactly("tax lookup", "tax", "quote", server.getName());
    }
}
