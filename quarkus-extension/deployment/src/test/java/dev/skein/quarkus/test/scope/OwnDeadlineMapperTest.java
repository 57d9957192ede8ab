package dev.skein.quarkus.test.scope;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.skein.DeadlineExceededException;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An application that maps DeadlineExceededException itself keeps its own answer. */
class OwnDeadlineMapperTest {

    @Provider
    public static class OwnMapper implements ExceptionMapper<DeadlineExceededException> {
        @Override
        public Response toResponse(DeadlineExceededException e) {
            return Response.status(503).entity("try later").build();
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(ScopeResource.class, OwnMapper.class));

    @Test
    void theApplicationsMapperWins() {
        given().get("/scope/slow").then().statusCode(503).body(equalTo("try later"));
    }
}
