package dev.skein.quarkus.test.health;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusUnitTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With {@code stuck-branches-fail-liveness}, liveness is DOWN while a branch is stuck, UP once it ends. */
class StuckBranchFailsLivenessTest {

    private static final String CHECK = StuckBranchLivenessTest.CHECK;

    @RegisterExtension
    static final QuarkusUnitTest APP = Health.app()
            .overrideConfigKey("quarkus.skein.health.stuck-branches-fail-liveness", "true");

    @Test
    void downWhileAStuckBranchRunsUpOnceItEnds() throws Exception {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        try (var stubborn = new Stubborn("stubborn")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/q/health/live").statusCode() == 503);
            given().get("/q/health/live").then().statusCode(503).body("status", equalTo("DOWN"))
                    .body(CHECK + ".status", equalTo("DOWN")).body(CHECK + ".data.count", equalTo(1));
        }
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body(CHECK + ".data.count", equalTo(0));
    }
}
