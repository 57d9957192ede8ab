package dev.skein.quarkus.test.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code quarkus.skein.http.header} names the header both ways; the default one then means nothing. */
class CustomHeaderTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = HttpApp.app().overrideConfigKey("quarkus.skein.http.header", "X-Deadline-Ms");

    @Test
    void theConfiguredHeaderCarriesTheBudgetInAndOut() {
        given().header("X-Deadline-Ms", "0").get("/budget/counted").then().statusCode(504);
        given().header("Skein-Budget-Ms", "0").get("/budget/counted").then().statusCode(200).body(equalTo("ran"));

        String seen = given().header("X-Deadline-Ms", "5000").get("/budget/caller").then().statusCode(200)
                .extract().asString();
        assertThat(Long.parseLong(seen.split(" ")[0])).as("the budget the callee received").isBetween(1L, 4999L);
    }
}
