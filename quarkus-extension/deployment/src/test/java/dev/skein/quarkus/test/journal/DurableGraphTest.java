package dev.skein.quarkus.test.journal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skein.GraphFailedException;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.runtime.devui.SkeinJsonRpcService;
import dev.skein.quarkus.runtime.devui.SkeinJsonRpcService.DurableRunRow;
import dev.skein.quarkus.runtime.devui.SkeinJsonRpcService.DurableRuns;
import dev.skein.quarkus.test.journal.TripSaga.Trip;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A durable annotated graph on the application's default data source (H2 in PostgreSQL mode), its tables made by
 * {@code quarkus.skein.journal.migrate-at-start}: a failed run is in the journal, compensated; a run whose
 * compensation keeps failing is parked, listed by {@code /q/skein/runs} and compensated again on
 * {@code POST /q/skein/runs/<id>/retry}, or from the Dev UI's durable-runs page.
 */
class DurableGraphTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(TripSaga.class))
            .overrideConfigKey("quarkus.datasource.db-kind", "h2")
            .overrideConfigKey("quarkus.datasource.jdbc.url",
                    "jdbc:h2:mem:skein-journal;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")
            .overrideConfigKey("quarkus.skein.journal.enabled", "true")
            .overrideConfigKey("quarkus.skein.journal.migrate-at-start", "true")
            .overrideConfigKey("quarkus.skein.journal.instance-name", "test-instance")
            .overrideConfigKey("quarkus.skein.journal.takeover", "2s")
            .overrideConfigKey("quarkus.skein.journal.endpoints.retry-enabled", "true")
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-agroal-deployment", Version.getVersion()),
                    Dependency.of("io.quarkus", "quarkus-jdbc-h2-deployment", Version.getVersion())));

    @Inject
    SkeinGraph<Trip, String> trips;

    @Inject
    TripSaga saga;

    @Test
    void aSucceededRunAndAFailedRunAreInTheJournalTheFailedOneCompensated() throws Exception {
        assertThat(trips.run(new Trip("t-ok", false))).isEqualTo("charged t-ok");
        int releasesBefore = saga.releases();
        assertThatThrownBy(() -> trips.run(new Trip("t-declined", true))).isInstanceOf(GraphFailedException.class);
        assertThat(saga.releases()).isEqualTo(releasesBefore + 1);

        assertThat(rows("select graph, status, owner from skein_run where input like ?", "%t-ok%"))
                .singleElement().satisfies(row -> {
                    assertThat(row.get(0)).isEqualTo("book trip");
                    assertThat(row.get(1)).isEqualTo("SUCCEEDED");
                    assertThat(row.get(2)).startsWith("test-instance/");
                });
        assertThat(rows("select status, outcome, reason from skein_run where input like ?", "%t-declined%"))
                .singleElement().satisfies(row -> {
                    assertThat(row.get(0)).isEqualTo("COMPENSATED");
                    assertThat(row.get(1)).isEqualTo("FAILED");
                    assertThat(row.get(2)).contains("card declined for t-declined");
                });
        assertThat(rows("select script from skein_schema_history where version = ? and success", "1"))
                .as("db/skein's V1, in a history of its own").containsExactly(List.of("V1__skein_durable.sql"));

        JsonPath compensated = given().get("/q/skein/runs?status=COMPENSATED").then().statusCode(200)
                .contentType("application/json").extract().jsonPath();
        Map<String, Object> run = compensated.getMap("find { it.reason.contains('t-declined') }");
        assertThat(run).containsEntry("graph", "book trip").containsEntry("outcome", "FAILED");
        assertThat(compensated.getList("find { it.reason.contains('t-declined') }.tasks.name"))
                .containsExactly("reserve seat", "charge card");
    }

    @Test
    void aParkedRunIsListedAndRetriedByTheEndpoint() throws Exception {
        saga.seatServiceDown(true);
        try {
            assertThatThrownBy(() -> trips.run(new Trip("t-parked", true))).isInstanceOf(GraphFailedException.class);
        } finally {
            saga.seatServiceDown(false);
        }
        JsonPath parked = given().get("/q/skein/runs?status=PARKED").then().statusCode(200).extract().jsonPath();
        assertThat(parked.getList("status")).containsExactly("PARKED");
        assertThat(parked.getString("[0].reason")).contains("reserve seat", "seat service unreachable");
        String id = parked.getString("[0].id");
        assertThat(given().get("/q/skein/runs").then().statusCode(200).extract().jsonPath().getList("id"))
                .as("by default: the runs that are not over").containsExactly(id);

        int releasesBefore = saga.releases();
        given().post("/q/skein/runs/" + id + "/retry").then().statusCode(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPENSATED".equals(
                given().get("/q/skein/runs?status=COMPENSATED,PARKED,RECOVERING").then().statusCode(200).extract()
                        .jsonPath().getString("find { it.id == '" + id + "' }.status")));
        assertThat(saga.releases()).isEqualTo(releasesBefore + 1);
        given().post("/q/skein/runs/" + id + "/retry").then().statusCode(409);
        given().post("/q/skein/runs/no-such-run/retry").then().statusCode(404);
        given().get("/q/skein/runs?status=LOST").then().statusCode(400);
    }

    @Test
    void theDevUisDurableRunsPageListsAParkedRunAndRetriesIt() {
        SkeinJsonRpcService devUi = new SkeinJsonRpcService(); // what the page calls, over JSON-RPC in dev mode
        Set<String> listedBefore = devUi.getDurableRuns().runs().stream().map(DurableRunRow::id).collect(Collectors.toSet());
        saga.seatServiceDown(true);
        try {
            assertThatThrownBy(() -> trips.run(new Trip("t-dev-ui", true))).isInstanceOf(GraphFailedException.class);
        } finally {
            saga.seatServiceDown(false);
        }

        DurableRuns listed = devUi.getDurableRuns();

        assertThat(listed.off()).isNull();
        List<DurableRunRow> added = listed.runs().stream().filter(r -> !listedBefore.contains(r.id())).toList();
        assertThat(added).as("runs listed now, not before").hasSize(1);
        DurableRunRow parked = added.getFirst();
        assertThat(parked.status()).isEqualTo("PARKED");
        assertThat(parked.graph()).isEqualTo("book trip");
        assertThat(parked.owner()).startsWith("test-instance/");
        assertThat(parked.reason()).contains("reserve seat", "seat service unreachable");
        assertThat(parked.tasks()).contains("reserve seat", "charge card");

        int releasesBefore = saga.releases();
        assertThat(devUi.retryDurableRun(parked.id()).id()).isEqualTo(parked.id());
        await().atMost(Duration.ofSeconds(30)).until(() -> devUi.getDurableRuns().runs().stream()
                .noneMatch(r -> r.id().equals(parked.id())));
        assertThat(saga.releases()).as("seat releases: the failed compensation, run again once").isEqualTo(releasesBefore + 1);
        assertThatThrownBy(() -> devUi.retryDurableRun(parked.id())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not parked");
    }

    /** {@return the application's default data source} Its bean's type is Agroal's, which the tests do not compile against. */
    private static DataSource dataSource() {
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            if (bean.getQualifiers().contains(Default.Literal.INSTANCE) && bean.getTypes().stream()
                    .anyMatch(t -> t instanceof Class<?> c && DataSource.class.isAssignableFrom(c))) {
                return (DataSource) Arc.container().instance((InjectableBean<?>) bean).get();
            }
        }
        throw new AssertionError("no default data source bean");
    }

    private List<List<String>> rows(String query, String parameter) throws Exception {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(query)) {
            if (parameter != null) {
                s.setString(1, parameter);
            }
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
