package dev.skein.quarkus.test.endpoints;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /q/skein/scopes} shows the live tree while a request is held inside its scope: as JSON (names read back
 * exactly) and as text (one line per entry), by {@code ?format} or {@code Accept}.
 */
class ScopesEndpointTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().withApplicationRoot(root -> root.addClasses(HeldResource.class));

    @Test
    @Timeout(60)
    void theTreeOfAHeldRequestAsJsonAndText() throws Exception {
        CompletableFuture<String> held = CompletableFuture.supplyAsync(() -> given().get("/held").then().statusCode(200)
                .extract().asString());
        try {
            assertThat(HeldResource.inside.await(30, TimeUnit.SECONDS)).isTrue();

            JsonPath json = given().get("/q/skein/scopes").then().statusCode(200)
                    .contentType("application/json").extract().jsonPath();
            Map<String, Object> request = json.param("name", HeldResource.SCOPE)
                    .getMap("find { it.name == name }");
            // the method runs as the scope's branch on the caller's thread, before the caller joins
            assertThat(request).containsEntry("state", "OPEN").containsEntry("kind", "fail-fast");
            List<Map<String, Object>> branches = json.param("name", HeldResource.SCOPE)
                    .getList("find { it.name == name }.branches");
            assertThat(branches).singleElement().satisfies(method -> {
                assertThat(method).containsEntry("name", "hold").containsEntry("state", "RUNNING");
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> nested = (List<Map<String, Object>>) method.get("scopes");
                assertThat(nested).singleElement().satisfies(lookups -> {
                    assertThat(lookups).containsEntry("name", "lookups");
                    assertThat(lookups.get("branches").toString()).contains("name=lookup", "state=RUNNING");
                });
            });

            String text = given().queryParam("format", "text").get("/q/skein/scopes").then().statusCode(200)
                    .contentType("text/plain").extract().asString();
            assertThat(text).contains("scope 'held \"request\" <b>\\n&' #", "  branch 'hold' [RUNNING",
                    "scope 'lookups'", "branch 'lookup' [RUNNING");
            given().accept("text/plain").get("/q/skein/scopes").then().statusCode(200).contentType("text/plain")
                    .body(containsString("branch 'lookup' [RUNNING"));
            given().queryParam("format", "xml").get("/q/skein/scopes").then().statusCode(400)
                    .body(containsString("format must be text or json"));
        } finally {
            HeldResource.release.countDown();
        }
        assertThat(held.get(30, TimeUnit.SECONDS)).isEqualTo("released");
        given().get("/q/skein/scopes").then().statusCode(200).body("name", not(hasItem(HeldResource.SCOPE)));
    }
}
