package dev.skein.quarkus.test.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With the server side off, the header is ignored: a spent budget runs the endpoint, and no deadline is sent on. */
class SwitchedOffTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = HttpApp.app().overrideConfigKey("quarkus.skein.http.server.enabled", "false");

    @Test
    void theHeaderIsIgnored() {
        given().header("Skein-Budget-Ms", "0").get("/budget/counted").then().statusCode(200).body(equalTo("ran"));
        given().header("Skein-Budget-Ms", "soon").get("/budget/counted").then().statusCode(200);
        assertThat(BudgetResource.COUNTED).hasValue(2);
        given().header("Skein-Budget-Ms", "5000").get("/budget/caller").then().statusCode(200).body(equalTo("null -1"));
    }
}
