package dev.skein.quarkus.test.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusProdModeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** In production with {@code quarkus.skein.endpoints.enabled=true} and no management interface: on the application's port. */
class ProdModeEnabledEndpointsTest {

    @RegisterExtension
    static final QuarkusProdModeTest APP = ProdApp.named("skein-endpoints-on")
            .overrideConfigKey("quarkus.skein.endpoints.enabled", "true")
            .overrideConfigKey("quarkus.skein.policy.payment.circuit-breaker.enabled", "true");

    @Test
    void theEndpointsAreServed() {
        given().get("/ping").then().statusCode(200).body(equalTo("pong"));
        given().get("/q/skein/scopes").then().statusCode(200).contentType("application/json");
        given().queryParam("format", "text").get("/q/skein/scopes").then().statusCode(200).contentType("text/plain");
        given().get("/q/skein/graphs").then().statusCode(200).body(equalTo("[]"));
        given().get("/q/skein/policies").then().statusCode(200).body("[0].name", equalTo("payment"))
                .body("[0].breaker", equalTo("CLOSED")).body("[0].strategies[0]", containsString("circuit-breaker"));
    }
}
