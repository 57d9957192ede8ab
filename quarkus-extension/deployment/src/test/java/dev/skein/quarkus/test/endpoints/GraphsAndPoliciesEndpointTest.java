package dev.skein.quarkus.test.endpoints;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.skein.policy.Policies;
import dev.skein.quarkus.From;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /q/skein/graphs} draws each annotated graph as Mermaid and DOT, names escaped for each;
 * {@code /q/skein/policies} shows each named policy's strategies, breaker state and counts, as they are.
 */
class GraphsAndPoliciesEndpointTest {

    @ApplicationScoped
    @TaskGraph("place \"order\"")
    public static class PlaceOrder {
        @Task("create <order>")
        String create() {
            return "order";
        }

        @Task(value = "charge", policy = "payment")
        String charge(@From("create <order>") String order) {
            return order + " charged";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(PlaceOrder.class))
            .overrideConfigKey("quarkus.skein.policy.payment.circuit-breaker.request-volume-threshold", "2")
            .overrideConfigKey("quarkus.skein.policy.inventory.retry.max-retries", "2")
            .overrideConfigKey("quarkus.skein.policy.inventory.retry.delay", "0");

    @Test
    void eachGraphAsMermaidAndDot() {
        JsonPath graphs = given().get("/q/skein/graphs").then().statusCode(200).contentType("application/json")
                .body("name", contains("place \"order\"")).body("[0].tasks", equalTo(2))
                .extract().jsonPath();
        assertThat(graphs.getString("[0].mermaid")).isEqualTo("""
                flowchart LR
                    t0["create #60;order#62;"]
                    t1["charge"]
                    t0 --> t1
                """);
        assertThat(graphs.getString("[0].dot")).startsWith("digraph \"place \\\"order\\\"\" {\n")
                .contains("    \"create <order>\" -> \"charge\";\n");
    }

    @Test
    void eachPolicyWithItsStrategiesBreakerStateAndCounts() {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> Policies.get("payment").call(() -> {
                throw new IllegalStateException("refused");
            })).hasMessage("refused");
        }
        assertThatThrownBy(() -> Policies.get("payment").call(() -> "never")).isInstanceOf(CircuitBreakerOpenException.class);
        assertThatThrownBy(() -> Policies.get("inventory").call(() -> {
            throw new IllegalStateException("out of stock");
        })).hasMessage("out of stock");

        String payment = "find { it.name == 'payment' }";
        String inventory = "find { it.name == 'inventory' }";
        given().get("/q/skein/policies").then().statusCode(200).contentType("application/json")
                .body("name", contains("inventory", "payment"))
                .body(payment + ".strategies", contains("circuit-breaker"))
                .body(payment + ".breaker", equalTo("OPEN"))
                .body(payment + ".breakerRejections", equalTo(1))
                .body(payment + ".retries", equalTo(0))
                .body(inventory + ".strategies", contains("retry"))
                .body(inventory + ".breaker", nullValue())
                .body(inventory + ".retries", equalTo(2))
                .body(inventory + ".timeouts", equalTo(0));
    }
}
