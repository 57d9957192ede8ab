package dev.skein.quarkus.test.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.skein.DeadlineExceededException;
import dev.skein.quarkus.test.telemetry.SpanExporterProducer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deadlines across HTTP, over real HTTP: a caller endpoint calls a callee endpoint of the same application
 * through a REST Client; the budget goes in and out in {@code Skein-Budget-Ms}, and the trace spans both hops.
 */
class HttpDeadlineTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = HttpApp.app(List.of("quarkus-opentelemetry-deployment"), SpanExporterProducer.class)
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "50ms")
            .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false");

    @Inject
    InMemorySpanExporter exporter;

    @BeforeEach
    void reset() {
        BudgetResource.COUNTED.set(0);
        BudgetResource.REFUSED.set(null);
    }

    @Test
    void theCalleeGetsWhatIsLeftOfTheCallersBudget() {
        String seen = given().header("Skein-Budget-Ms", "5000").get("/budget/caller").then().statusCode(200)
                .extract().asString();
        String[] parts = seen.split(" ");
        long header = Long.parseLong(parts[0]);
        long remaining = Long.parseLong(parts[1]);
        assertThat(header).as("the budget the callee received").isGreaterThan(0).isLessThan(5000);
        assertThat(remaining).as("the time left of the callee's deadline").isGreaterThan(0).isLessThanOrEqualTo(header);
    }

    @Test
    void theBudgetsScopeIsNotTheOneSkeinScopesCurrentGives() {
        given().header("Skein-Budget-Ms", "5000").get("/budget/current").then().statusCode(200).body(equalTo("none"));
    }

    @Test
    void theBudgetsScopeIsReportedAsOpenedAtTheEndpoint() {
        given().header("Skein-Budget-Ms", "5000").get("/budget/site").then().statusCode(200)
                .body(equalTo(BudgetResource.class.getName() + ".site(Unknown Source)"));
    }

    @Test
    void withoutABudgetNoneGoesOut() {
        given().get("/budget/caller").then().statusCode(200).body(equalTo("null -1"));
    }

    @Test
    void aSpentBudgetIsAnswered504WithoutRunningTheEndpoint() {
        for (String spent : new String[] {"0", "-20"}) {
            given().header("Skein-Budget-Ms", spent).get("/budget/counted").then().statusCode(504)
                    .body(containsString("was spent before it arrived"));
        }
        assertThat(BudgetResource.COUNTED).as("runs of the endpoint").hasValue(0);
        given().header("Skein-Budget-Ms", "5000").get("/budget/counted").then().statusCode(200).body(equalTo("ran"));
        assertThat(BudgetResource.COUNTED).hasValue(1);
    }

    @Test
    void aMalformedBudgetIsAnswered400NamingItWithoutRunningTheEndpoint() {
        given().header("Skein-Budget-Ms", "soon").get("/budget/counted").then().statusCode(400)
                .body(containsString("Skein-Budget-Ms"), containsString("\"soon\""));
        given().header("Skein-Budget-Ms", "x".repeat(5_000)).get("/budget/counted").then().statusCode(400)
                .body(containsString("more chars"));
        assertThat(BudgetResource.COUNTED).hasValue(0);
    }

    @Test
    void theHeadersNameIsReadWhateverItsCaseAndTwoOfItAreOneMalformedBudget() {
        given().header("skein-budget-ms", "0").get("/budget/counted").then().statusCode(504);
        given().header("Skein-Budget-Ms", "5000").header("Skein-Budget-Ms", "6000").get("/budget/counted").then()
                .statusCode(400).body(containsString("\"5000,6000\""));
        assertThat(BudgetResource.COUNTED).as("runs of the endpoint").hasValue(0);
    }

    @Test
    void anEndpointOnTheEventLoopGetsTheAnswersButNoScope() {
        given().header("Skein-Budget-Ms", "0").get("/budget/reactive").then().statusCode(504);
        given().header("Skein-Budget-Ms", "soon").get("/budget/reactive").then().statusCode(400);
        given().header("Skein-Budget-Ms", "5000").get("/budget/reactive").then().statusCode(200).body(equalTo("-1"));
    }

    @Test
    @Timeout(60) // the endpoint waits for ever: only the deadline ends it
    void aBudgetThatRunsOutWhileTheEndpointRunsIsAnswered504NamingWhatWasCutShort() {
        given().header("Skein-Budget-Ms", "1000").get("/budget/stuck").then().statusCode(504).contentType("text/plain")
                .body(equalTo("deadline of scope 'Skein-Budget-Ms of BudgetResource.stuck' exceeded; still running then: [stuck]"));
    }

    @Test
    @Timeout(30) // the endpoint's own deadline is 60 s: only the budget can end it sooner
    void anEndpointsOwnScopeNestsInsideTheBudgetsAndTheNearerDeadlineWins() {
        given().header("Skein-Budget-Ms", "1000").get("/budget/scoped").then().statusCode(504)
                .body(equalTo("deadline of scope 'Skein-Budget-Ms of BudgetResource.scoped' exceeded (an enclosing scope"
                        + " of 'BudgetResource.scoped'); still running then: [scoped]"));
    }

    @Test
    @Timeout(60)
    void aRestClientCallWithNoTimeLeftFailsAtOnceWithoutGoingOut() {
        // a second, as for the other tests that wait for the deadline: with 200 ms a loaded machine once spent the
        // budget before the endpoint ran, and the 504 came without the call this test is about
        given().header("Skein-Budget-Ms", "1000").get("/budget/late").then().statusCode(504);
        assertThat(BudgetResource.REFUSED.get()).isInstanceOf(DeadlineExceededException.class)
                .hasMessageStartingWith("deadline of scope 'Skein-Budget-Ms of BudgetResource.late' exceeded");
        // the caller's own deadline exception, not the client's WebApplicationException for a 504 from the callee:
        // the call did not go out (a call sent with a budget of 0 would have been answered 504 by the callee)
    }

    @Test
    void oneTraceSpansBothHops() {
        String trace = "0af7651916cd43dd8448eb211c80319c";
        given().header("traceparent", "00-" + trace + "-b7ad6b7169203331-01").header("Skein-Budget-Ms", "5000")
                .get("/budget/caller").then().statusCode(200);
        // each server span ends after what it contains: once both are exported, so is the client span between them
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans(trace, SpanKind.SERVER))
                .as("server spans of the trace, among %s", exporter.getFinishedSpanItems()).hasSize(2));

        SpanData caller = spans(trace, SpanKind.SERVER).stream().filter(s -> s.getName().contains("caller"))
                .findFirst().orElseThrow();
        SpanData callee = spans(trace, SpanKind.SERVER).stream().filter(s -> s.getName().contains("callee"))
                .findFirst().orElseThrow();
        assertThat(spans(trace, SpanKind.CLIENT)).singleElement().satisfies(client -> {
            assertThat(ancestors(client)).as("the client span's ancestors").contains(caller.getSpanId());
            assertThat(callee.getParentSpanId()).as("the callee's parent").isEqualTo(client.getSpanId());
        });
    }

    /** {@return the exported spans of {@code kind} in the trace {@code trace}} */
    private List<SpanData> spans(String trace, SpanKind kind) {
        return exporter.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(trace) && s.getKind() == kind)
                .toList();
    }

    /** {@return the ids of the exported ancestors of {@code span}, its parent first} */
    private List<String> ancestors(SpanData span) {
        Map<String, SpanData> byId = exporter.getFinishedSpanItems().stream()
                .collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        List<String> ids = new ArrayList<>();
        for (SpanData s = byId.get(span.getParentSpanId()); s != null && ids.size() < 100; s = byId.get(s.getParentSpanId())) {
            ids.add(s.getSpanId());
        }
        return ids;
    }
}
