package dev.skein.quarkus.test.context;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Under quarkus-opentelemetry, whose context storage keeps the context in the request's Vert.x context, the
 * trace of the request reaches the method and every branch below it (threads with no Vert.x context).
 */
class OpenTelemetryContextTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(TraceResource.class))
            .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false")
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-opentelemetry-deployment",
                    Version.getVersion())));

    @Test
    void theRequestsTraceReachesEveryBranch() {
        String body = given().header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01").get("/trace")
                .then().statusCode(200).extract().asString();

        assertThat(body.split(",")).hasSize(4).containsOnly(TRACE_ID + "/" + TRACE_ID);
    }
}
