package dev.skein.quarkus.test.endpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusProdModeTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** In production, enabled, with the management interface on: served on it only, not on the application's port. */
class ProdModeManagementEndpointsTest {

    /** A port free when the class loads, so that two builds on one machine do not collide. */
    private static final int MANAGEMENT_PORT = freePort();

    @RegisterExtension
    static final QuarkusProdModeTest APP = ProdApp.named("skein-endpoints-management")
            .overrideConfigKey("quarkus.skein.endpoints.enabled", "true")
            .overrideConfigKey("quarkus.management.enabled", "true")
            .overrideConfigKey("quarkus.management.port", Integer.toString(MANAGEMENT_PORT));

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theEndpointsAreOnTheManagementInterfaceOnly() {
        given().get("/ping").then().statusCode(200).body(equalTo("pong"));
        for (String endpoint : new String[] {"scopes", "graphs", "policies"}) {
            given().port(MANAGEMENT_PORT).get("/q/skein/" + endpoint).then().statusCode(200)
                    .contentType("application/json");
            given().get("/q/skein/" + endpoint).then().statusCode(404);
        }
    }
}
