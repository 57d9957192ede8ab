package dev.skein.quarkus.test.scope;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.ScopeSnapshot;
import io.quarkus.test.QuarkusUnitTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A REST endpoint in a scope, over real HTTP: a deadline answers 504; its scopes form one tree. */
class ScopeEndpointTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().withApplicationRoot(root -> root.addClasses(ScopeResource.class));

    @Test
    @Timeout(60) // a branch waits for ever: only the deadline ends it
    void aDeadlineThatCutsASlowBranchIsAnswered504NamingIt() {
        // "fast" has ended by then, unless the machine stalled for the whole 300 ms: not asserted
        given().get("/scope/slow").then().statusCode(504).contentType("text/plain")
                .body(startsWith("deadline of scope 'ScopeResource.slow' exceeded (an enclosing scope of 'fan-out'); "
                        + "still running then: ["), containsString("slow"));
    }

    @Test
    void scopesOpenedInsideTheEndpointNestUnderItsScopeAsOneTree() {
        given().get("/scope/tree").then().statusCode(200).body(equalTo("ab"));

        List<ScopeSnapshot> roots = ScopeResource.seen.stream().filter(s -> s.name().equals("ScopeResource.tree")
                || s.name().equals("fan-out")).toList();
        assertThat(roots).extracting(ScopeSnapshot::name).containsExactly("ScopeResource.tree");
        BranchSnapshot method = roots.getFirst().branches().getFirst();
        assertThat(method.name()).isEqualTo("tree");
        assertThat(method.scopes()).singleElement().satisfies(fanOut -> {
            assertThat(fanOut.name()).isEqualTo("fan-out");
            assertThat(fanOut.branches()).extracting(BranchSnapshot::name).containsExactly("a", "b");
        });
    }
}
