package dev.skein.quarkus.test.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusProdModeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** In production, the diagnostics endpoints are not served unless enabled. */
class ProdModeEndpointsTest {

    @RegisterExtension
    static final QuarkusProdModeTest APP = ProdApp.named("skein-endpoints-off");

    @Test
    void theEndpointsAreAbsent() {
        given().get("/ping").then().statusCode(200).body(equalTo("pong"));
        for (String endpoint : new String[] {"scopes", "graphs", "policies"}) {
            given().get("/q/skein/" + endpoint).then().statusCode(404);
        }
    }
}
