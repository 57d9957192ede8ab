package dev.skein.samples.order;

import static dev.skein.samples.order.Shop.SKU;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link OrderByHandTest} with the hand-written saga's steps on Quarkus's {@code @VirtualThreads} executor
 * ({@code sample.by-hand.executor=quarkus}), the load benchmark's second baseline; and that executor carries the
 * request's context into the steps, as the docs say: the payment calls made in them are in the request's trace.
 */
@QuarkusTest
@TestProfile(OrderByHandOnQuarkusExecutorTest.QuarkusExecutor.class)
@WithTestResource(value = PaymentServiceProcess.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OrderByHandOnQuarkusExecutorTest extends OrderByHandTest {

    private static final Path SPANS = Path.of("target/by-hand-spans.jsonl");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Chooses Quarkus's executor, and writes the spans to a file the test reads. */
    public static class QuarkusExecutor implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sample.by-hand.executor", "quarkus", "sample.spans.file", SPANS.toString());
        }
    }

    @Test
    void thePaymentCallsOfTheStepsAreInTheRequestsTrace() {
        String trace = UUID.randomUUID().toString().replace("-", "");
        given().contentType("application/json").header("traceparent", "00-" + trace + "-00f067aa0ba902b7-01")
                .body("{\"productId\":\"" + SKU + "\",\"quantity\":1}").when().post("/orders/by-hand")
                .then().statusCode(201);

        // authorise and capture: each a client span of the REST Client (the order service's only client spans: its
        // database calls make none), made in a step's virtual thread; the JDK's executor would start a trace for each
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(spans(trace))
                .filteredOn(s -> s.path("kind").asText().equals("CLIENT")).hasSizeGreaterThanOrEqualTo(2));
    }

    private static List<JsonNode> spans(String trace) throws IOException {
        if (!Files.exists(SPANS)) {
            return List.of();
        }
        return Files.readAllLines(SPANS).stream().filter(l -> !l.isBlank()).flatMap(OrderByHandOnQuarkusExecutorTest::parse)
                .filter(s -> s.path("traceId").asText().equals(trace)).toList();
    }

    /** {@return the span of a line, none for a line the exporter is still writing} */
    private static Stream<JsonNode> parse(String line) {
        try {
            return Stream.of(JSON.readTree(line));
        } catch (IOException e) {
            return Stream.empty();
        }
    }
}
