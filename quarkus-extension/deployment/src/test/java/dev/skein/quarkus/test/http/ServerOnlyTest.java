package dev.skein.quarkus.test.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With the client side off, endpoints still take a budget, but REST Client calls do not send it on. */
class ServerOnlyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = HttpApp.app().overrideConfigKey("quarkus.skein.http.client.enabled", "false");

    @Test
    void theBudgetIsTakenButNotSentOn() {
        given().header("Skein-Budget-Ms", "0").get("/budget/counted").then().statusCode(504);
        // the callee has no header and no deadline
        given().header("Skein-Budget-Ms", "5000").get("/budget/caller").then().statusCode(200)
                .body(startsWith("null "), endsWith(" -1"));
    }
}
