package dev.skein.quarkus.test.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.QuarkusUnitTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Liveness {@code skein-stuck-branches} reports a branch stuck past its grace (how many, the oldest) and stays UP. */
class StuckBranchLivenessTest {

    static final String CHECK = "checks.find { it.name == 'skein-stuck-branches' }";

    @RegisterExtension
    static final QuarkusUnitTest APP = Health.app();

    @Test
    void aStuckBranchIsCountedAndNamedWhileLivenessStaysUp() throws Exception {
        given().get("/q/health/live").then().statusCode(200).body(CHECK + ".data.count", equalTo(0))
                .body(CHECK + ".data.oldest", nullValue());
        try (var stubborn = new Stubborn("stubborn")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/q/health/live").then().extract()
                    .path(CHECK + ".data.count").equals(1));
            // the deaf branch is interrupted again and again: between two, it may be caught running, not waiting
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/live").then()
                    .statusCode(200).body("status", equalTo("UP"))
                    .body(CHECK + ".status", equalTo("UP"))
                    .body(CHECK + ".data.oldest", equalTo("branch 'deaf' of scope 'stubborn' #"
                            + given().get("/q/skein/scopes").then().extract().path("find { it.name == 'stubborn' }.id")))
                    .body(CHECK + ".data.oldest-cancelled-ms", greaterThanOrEqualTo(100))
                    .body(CHECK + ".data.oldest-at", startsWith("java.base/java.util.concurrent.CountDownLatch.await(")));
        }
        given().get("/q/health/live").then().statusCode(200).body(CHECK + ".data.count", equalTo(0));
    }
}
