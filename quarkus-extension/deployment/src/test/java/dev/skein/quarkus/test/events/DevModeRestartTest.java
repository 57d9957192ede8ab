package dev.skein.quarkus.test.events;

import static io.restassured.RestAssured.get;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.QuarkusDevModeTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A dev mode restart replaces the application's listeners in the core (which is not reloaded) rather
 * than adding to them, and the restarted application's observers hear its runs.
 */
class DevModeRestartTest {

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(root -> root.addClasses(ShippingSaga.class, RunWatch.class, ShipmentsResource.class));

    @Test
    void restartsDoNotPileUpListeners() {
        get("/shipments").then().statusCode(200).body(is("events=5 listeners=1"));
        for (int restart = 1; restart <= 2; restart++) {
            String before = restart == 1 ? "\"events=\"" : "\"events#1=\"";
            String after = "\"events#" + restart + "=\"";
            DEV.modifySourceFile(ShipmentsResource.class, source -> source.replace(before, after));
            get("/shipments").then().statusCode(200).body(is("events#" + restart + "=5 listeners=1"));
        }
    }
}
