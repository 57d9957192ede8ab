package dev.skein.quarkus.test.journal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import dev.skein.GraphFailedException;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.journal.TripSaga.Trip;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The journal on a named data source ({@code quarkus.skein.journal.datasource}), in an application without a default
 * one; outside dev mode, retrying a parked run by the endpoint is refused unless
 * {@code quarkus.skein.journal.endpoints.retry-enabled=true}.
 */
class NamedDataSourceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(TripSaga.class))
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.journal.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.journal.jdbc.url",
                    "jdbc:h2:mem:skein-named;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.skein.journal.enabled", "true")
            .overrideConfigKey("quarkus.skein.journal.datasource", "journal")
            .overrideConfigKey("quarkus.skein.journal.migrate-at-start", "true")
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-agroal-deployment", Version.getVersion()),
                    Dependency.of("io.quarkus", "quarkus-jdbc-h2-deployment", Version.getVersion())));

    @Inject
    SkeinGraph<Trip, String> trips;

    @Inject
    TripSaga saga;

    @Test
    void theJournalIsOnTheNamedDataSourceAndRetryingByTheEndpointIsOffOutsideDevMode() {
        saga.seatServiceDown(true);
        try {
            assertThatThrownBy(() -> trips.run(new Trip("t-named", true))).isInstanceOf(GraphFailedException.class);
        } finally {
            saga.seatServiceDown(false);
        }
        JsonPath parked = given().get("/q/skein/runs?status=PARKED").then().statusCode(200).extract().jsonPath();
        assertThat(parked.getList("graph")).containsExactly("book trip");

        given().post("/q/skein/runs/" + parked.getString("[0].id") + "/retry").then().statusCode(403)
                .body(containsString("set quarkus.skein.journal.endpoints.retry-enabled=true"));
        assertThat(given().get("/q/skein/runs?status=PARKED").then().statusCode(200).extract().jsonPath().getList("id"))
                .containsExactly(parked.getString("[0].id"));
    }
}
