package dev.skein.quarkus.test.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.skein.policy.Policies;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import java.time.Duration;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Readiness {@code skein-breakers}: DOWN while a critical breaker is open, UP again once it closes; a breaker that
 * is not critical is reported and never makes the application not ready. The breakers are real SmallRye
 * breakers, opened by real failures.
 */
class ReadinessTest {

    private static final String CHECK = "checks.find { it.name == 'skein-breakers' }";

    @RegisterExtension
    static final QuarkusUnitTest APP = Health.app()
            .overrideConfigKey("quarkus.skein.policy.payment.circuit-breaker.request-volume-threshold", "2")
            .overrideConfigKey("quarkus.skein.policy.payment.circuit-breaker.delay", "300")
            .overrideConfigKey("quarkus.skein.policy.payment.circuit-breaker.delay-unit", "millis")
            .overrideConfigKey("quarkus.skein.policy.payment.circuit-breaker.success-threshold", "1")
            .overrideConfigKey("quarkus.skein.policy.inventory.circuit-breaker.request-volume-threshold", "2")
            .overrideConfigKey("quarkus.skein.policy.audit.retry.max-retries", "1") // no breaker: not listed
            .overrideConfigKey("quarkus.skein.health.critical-breakers", "payment");

    @Test
    void downWhileTheCriticalBreakerIsOpenAndUpAfterItCloses() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.payment", equalTo("CLOSED"))
                .body(CHECK + ".data.inventory", equalTo("CLOSED"))
                .body(CHECK + ".data.containsKey('audit')", equalTo(false));

        failTwice("inventory");
        given().get("/q/health/ready").then().statusCode(200).body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.inventory", equalTo("OPEN"));

        failTwice("payment");
        given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"))
                .body(CHECK + ".status", equalTo("DOWN"))
                .body(CHECK + ".data.payment", equalTo("OPEN"))
                .body(CHECK + ".data.'critical.not-closed'", containsString("'payment'"));

        // after its delay the breaker lets a trial call through; one success closes it
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(ReadinessTest::succeeds);
        await().atMost(Duration.ofSeconds(10)).until(
                () -> Policies.get("payment").state().breaker().orElseThrow() == CircuitBreakerState.CLOSED);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.payment", equalTo("CLOSED"));
    }

    private static void failTwice(String policy) {
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> Policies.get(policy).call(() -> {
                throw new IllegalStateException(policy + " is down");
            })).hasMessage(policy + " is down");
        }
        assertThatThrownBy(() -> Policies.get(policy).call(() -> "never runs"))
                .isInstanceOf(CircuitBreakerOpenException.class);
    }

    private static boolean succeeds() throws Exception {
        try {
            return Policies.get("payment").call(() -> "paid").equals("paid");
        } catch (CircuitBreakerOpenException stillOpen) {
            return false;
        }
    }
}
