package dev.skein.samples.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The span file the launcher draws traces from: the server span, and Skein's budget scope nested under it. */
@QuarkusTest
class SpanFileTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void anAuthorisationsSpansReachTheFileInTheCallersTrace() {
        given().contentType(ContentType.JSON).header("Skein-Budget-Ms", "3000")
                .header("traceparent", "00-" + TRACE + "-00f067aa0ba902b7-01").body("{\"amountCents\":100}")
                .post("/payments/" + UUID.randomUUID() + "/authorise").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> server().isPresent());
        JsonNode server = server().orElseThrow();
        assertThat(server.path("service").asText()).isEqualTo("payment-service");
        assertThat(server.path("parentSpanId").asText()).isEqualTo("00f067aa0ba902b7");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans())
                .anySatisfy(s -> {
                    assertThat(s.path("name").asText()).contains("Skein-Budget-Ms of PaymentResource.authorise");
                    assertThat(s.path("parentSpanId").asText()).isEqualTo(server.path("spanId").asText());
                }));
    }

    private static Optional<JsonNode> server() {
        return spans().stream().filter(s -> s.path("kind").asText().equals("SERVER")).findFirst();
    }

    private static List<JsonNode> spans() {
        Path file = Path.of("target/test-spans.jsonl");
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(SpanFileTest::parse)
                    .filter(s -> s.path("traceId").asText().equals(TRACE)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
