package dev.skein.quarkus.test.context;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Over real HTTP: the CDI request context and the MDC of a request reach every branch below its scope,
 * are the request's own, and are gone once it has ended.
 */
class RequestContextTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().withApplicationRoot(root -> root.addClasses(
            RequestState.class, RequestFilter.class, ContextProbe.class, ContextResource.class));

    @Inject
    ContextProbe probe;

    @Test
    void everyBranchSeesTheRequestsBeansAndMdcAndTheRequestEndsOnce() {
        given().header("X-User", "alice").header("X-Request-Id", "req-1").get("/context").then().statusCode(200)
                .body(equalTo(String.join(",", List.of("true/alice/req-1/req-1", "true/alice/req-1/req-1",
                        "true/alice/req-1/req-1", "true/alice/req-1/req-1", "true/alice/req-1/req-1"))));
        given().header("X-User", "bob").header("X-Request-Id", "req-2").get("/context").then().statusCode(200)
                .body(equalTo(String.join(",", List.of("true/bob/req-2/req-2", "true/bob/req-2/req-2",
                        "true/bob/req-2/req-2", "true/bob/req-2/req-2", "true/bob/req-2/req-2"))));

        // each request's beans are destroyed once, when the request ends: never by a branch
        await().atMost(Duration.ofSeconds(10)).until(() -> RequestState.DESTROYED.containsAll(List.of("alice", "bob")));
        assertThat(List.copyOf(RequestState.DESTROYED)).filteredOn(List.of("alice", "bob")::contains)
                .containsExactlyInAnyOrder("alice", "bob");
    }

    @Test
    void outsideARequestNoBranchHasARequestContextOrItsMdc() throws Exception {
        given().header("X-User", "carol").header("X-Request-Id", "req-3").get("/context").then().statusCode(200);

        // a thread of its own: the test's thread may have a request context of the test framework's
        CompletableFuture<List<String>> seen = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                seen.complete(probe.inBranches());
            } catch (Throwable t) {
                seen.completeExceptionally(t);
            }
        });
        assertThat(seen.get(10, TimeUnit.SECONDS)).hasSize(5).containsOnly("false/-/null/null");
    }
}
