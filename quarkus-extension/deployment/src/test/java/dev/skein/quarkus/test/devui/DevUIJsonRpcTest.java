package dev.skein.quarkus.test.devui;

import static io.restassured.RestAssured.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.devui.tests.DevUIJsonRPCTest;
import io.quarkus.test.QuarkusDevModeTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The JSON-RPC service behind the Skein card, called as the Dev UI calls it, in a dev-mode application. */
public class DevUIJsonRpcTest extends DevUIJsonRPCTest {

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(root -> root.addClasses(CheckoutGraph.class, CheckoutResource.class)
                    .addAsResource(new StringAsset(CheckoutGraph.PAYMENT_POLICY), "application.properties"));

    public DevUIJsonRpcTest() {
        super("quarkus-skein");
    }

    @Test
    void theGraphsAreLaidOutLeftToRightInLayersByLongestPath() throws Exception {
        JsonNode graphs = executeJsonRPCMethod("getGraphs");

        assertThat(graphs).hasSize(1);
        JsonNode layout = graphs.get(0).get("layout");
        assertThat(graphs.get(0).get("name").asText()).isEqualTo("checkout");
        Map<String, Integer> layers = new HashMap<>();
        layout.get("nodes").forEach(n -> layers.put(n.get("task").asText(), n.get("layer").asInt()));
        assertThat(layers).containsExactlyInAnyOrderEntriesOf(Map.of(
                "create order", 0, "reserve stock", 1, "authorise payment", 1, "confirm order", 2));
        List<String> edges = new ArrayList<>();
        layout.get("edges").forEach(e -> edges.add(e.get("from").asText() + " -> " + e.get("to").asText()));
        assertThat(edges).containsExactlyInAnyOrder("create order -> reserve stock", "create order -> authorise payment",
                "reserve stock -> confirm order", "authorise payment -> confirm order");
    }

    @Test
    void resettingTheBreakerOfANamedPolicyClosesItAndTheGraphRunsAgain() throws Exception {
        get("/checkout/declined-1").then().statusCode(200).body(is("FAILED"));
        get("/checkout/declined-2").then().statusCode(200).body(is("FAILED"));
        JsonNode payment = policy("payment");
        assertThat(payment.get("breaker").asText()).isEqualTo("OPEN");
        assertThat(payment.get("config").asText())
                .isEqualTo("circuit breaker: opens when 100% of the last 2 calls failed, for 1 h");
        get("/checkout/order-1").then().statusCode(200).body(is("FAILED")); // refused by the open breaker

        JsonNode reset = executeJsonRPCMethod("resetBreaker", Map.of("name", "payment"));

        assertThat(reset.get("name").asText()).isEqualTo("payment");
        assertThat(reset.get("breaker").asText()).isEqualTo("CLOSED");
        assertThat(policy("payment").get("breaker").asText()).isEqualTo("CLOSED");
        get("/checkout/order-2").then().statusCode(200).body(is("SUCCEEDED"));
    }

    @Test
    void theLastRunsOfAGraphAreKeptNewestFirstWithTheirTimeline() throws Exception {
        get("/checkout/first").then().statusCode(200);
        get("/checkout/second").then().statusCode(200);

        JsonNode runs = executeJsonRPCMethod("getRuns");

        List<JsonNode> checkout = StreamSupport.stream(runs.spliterator(), false)
                .filter(r -> r.get("graph").asText().equals("checkout")).toList();
        assertThat(checkout.size()).isGreaterThanOrEqualTo(2);
        JsonNode newest = checkout.get(0);
        assertThat(newest.get("outcome").asText()).isEqualTo("SUCCEEDED");
        assertThat(newest.get("tasks")).hasSize(4);
        for (JsonNode bar : newest.get("tasks")) {
            assertThat(bar.get("start").asLong()).as(bar.toString()).isGreaterThanOrEqualTo(0);
            assertThat(bar.get("end").asLong()).as(bar.toString()).isGreaterThanOrEqualTo(bar.get("start").asLong());
            assertThat(bar.get("compensationStart").asLong()).isEqualTo(-1);
        }
        JsonNode create = newest.get("tasks").get(0);
        JsonNode confirm = newest.get("tasks").get(3);
        assertThat(confirm.get("task").asText()).isEqualTo("confirm order");
        assertThat(confirm.get("start").asLong()).isGreaterThanOrEqualTo(create.get("end").asLong());
        assertThat(Instant.parse(newest.get("startedAt").asText()))
                .isAfterOrEqualTo(Instant.parse(checkout.get(1).get("startedAt").asText()));
    }

    @Test
    void theDurableRunsPageSaysHowToTurnTheJournalOn() throws Exception {
        JsonNode durable = executeJsonRPCMethod("getDurableRuns");

        assertThat(durable.get("off").asText()).contains("set quarkus.skein.journal.enabled=true");
        assertThat(durable.get("runs")).isEmpty();
    }

    @Test
    void theScopeTreeIsTheLiveOne() throws Exception {
        get("/checkout/hold").then().statusCode(200);
        try {
            JsonNode rows = executeJsonRPCMethod("getScopes").get("rows");
            int held = indexOf(rows, "held scope");
            assertThat(held).as(rows.toString()).isGreaterThanOrEqualTo(0);
            JsonNode branch = rows.get(held + 1);
            assertThat(branch.get("kind").asText()).isEqualTo("branch");
            assertThat(branch.get("name").asText()).isEqualTo("waiting branch");
            assertThat(branch.get("state").asText()).isEqualTo("RUNNING");
            assertThat(branch.get("depth").asInt()).isEqualTo(rows.get(held).get("depth").asInt() + 1);
        } finally {
            get("/checkout/release").then().statusCode(200);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> indexOf(executeJsonRPCMethod("getScopes").get("rows"), "held scope") < 0);
    }

    private JsonNode policy(String name) throws Exception {
        for (JsonNode p : executeJsonRPCMethod("getPolicies")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no policy " + name);
    }

    private static int indexOf(JsonNode rows, String scope) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).get("kind").asText().equals("scope") && rows.get(i).get("name").asText().equals(scope)) {
                return i;
            }
        }
        return -1;
    }
}
