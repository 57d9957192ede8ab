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

/** {@code quarkus.skein.tracing.enabled=false}: no Skein spans, but a task's own spans keep the request as parent. */
class TracingDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = Spans.app().overrideConfigKey("quarkus.skein.tracing.enabled", "false");

    @Inject
    InMemorySpanExporter exporter;

    @Test
    void skeinMakesNoSpansAndTheContextStillReachesTheTasks() {
        given().queryParam("item", "tea").queryParam("quantity", 2).get("/quote").then().statusCode(200).body(is("600"));
        // the server span ends last: once it is exported, so is every span that ended before it
        await().atMost(Duration.ofSeconds(10)).until(() -> Spans.hasServerSpan(exporter));
        SpanData server = Spans.server(exporter);

        assertThat(Spans.skeins(exporter)).isEmpty();
        assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName)
                .containsExactlyInAnyOrder("tax lookup", server.getName());
        assertThat(Spans.lineage(exporter, Spans.named(exporter, "tax lookup"))).containsExactly("tax lookup", server.getName());
    }
}
