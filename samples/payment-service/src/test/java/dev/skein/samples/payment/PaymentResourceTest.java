package dev.skein.samples.payment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PaymentResourceTest {

    @AfterEach
    void noFaults() {
        faults(0, 0, 0);
    }

    @Test
    void aPaymentGoesThroughItsStatesAndEveryStepCanBeRepeated() {
        String order = newOrder();
        authorise(order, 2500).statusCode(200).body("status", equalTo("AUTHORISED")).body("amountCents", equalTo(2500));
        authorise(order, 2500).statusCode(200).body("status", equalTo("AUTHORISED"));
        post(order, "capture").statusCode(200).body("status", equalTo("CAPTURED"));
        post(order, "capture").statusCode(200).body("status", equalTo("CAPTURED"));
        post(order, "void").statusCode(409).body("status", equalTo("CAPTURED"));
        post(order, "refund").statusCode(200).body("status", equalTo("REFUNDED"));
        post(order, "refund").statusCode(200).body("status", equalTo("REFUNDED"));
        given().get("/payments/" + order).then().statusCode(200).body("status", equalTo("REFUNDED"));
    }

    @Test
    void aVoidThatOvertakesItsAuthorisationRefusesIt() {
        String order = newOrder();
        post(order, "void").statusCode(200).body("status", equalTo("VOIDED"));
        authorise(order, 2500).statusCode(409).body("status", equalTo("VOIDED"));
        post(order, "capture").statusCode(409);
    }

    @Test
    void aDeclineIsRecordedAndRepeatedToTheSameOrder() {
        String order = newOrder();
        faults(0, 0, 1);
        authorise(order, 2500).statusCode(402).body("status", equalTo("DECLINED")).body("reason", equalTo("card declined"));
        faults(0, 0, 0);
        authorise(order, 2500).statusCode(402).body("status", equalTo("DECLINED"));
        post(order, "void").statusCode(200).body("status", equalTo("DECLINED"));
    }

    @Test
    void anInjectedFailureHasNoEffect() {
        String order = newOrder();
        faults(0, 1, 0);
        authorise(order, 2500).statusCode(503).body("reason", equalTo("payment service failure (injected)"));
        given().get("/payments/" + order).then().statusCode(404);
    }

    @Test
    void theBudgetAnAuthorisationArrivesWithIsRecorded() {
        String order = newOrder();
        given().contentType(ContentType.JSON).header("Skein-Budget-Ms", "4000").body("{\"amountCents\":100}")
                .post("/payments/" + order + "/authorise").then().statusCode(200).body("budgetMs", equalTo(4000));
        authorise(newOrder(), 100).statusCode(200).body("budgetMs", nullValue());
    }

    @Test
    void aBudgetShorterThanTheLatencyIsAnswered504AndAuthorisesNothing() {
        String order = newOrder();
        faults(5_000, 0, 0);
        given().contentType(ContentType.JSON).header("Skein-Budget-Ms", "100").body("{\"amountCents\":100}")
                .post("/payments/" + order + "/authorise").then().statusCode(504);
        given().get("/payments/" + order).then().statusCode(404);
    }

    @Test
    void anAuthorisationAndAVoidRacingEndVoidedEitherWay() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 40; i++) {
                String order = newOrder();
                CyclicBarrier start = new CyclicBarrier(2);
                Future<Integer> auth = pool.submit(() -> {
                    start.await();
                    return authorise(order, 700).extract().statusCode();
                });
                Future<Integer> voided = pool.submit(() -> {
                    start.await();
                    return post(order, "void").extract().statusCode();
                });
                assertThat(voided.get()).isEqualTo(200);
                assertThat(auth.get()).isIn(200, 409);   // before the void, or refused after it
                given().get("/payments/" + order).then().statusCode(200).body("status", equalTo("VOIDED"));
            }
        }
    }

    @Test
    void faultsOutOfRangeAreRefusedNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"latencyMs\":0,\"jitterMs\":0,\"failureRate\":2,\"declineRate\":0}")
                .put("/admin/faults").then().statusCode(400);
        given().get("/admin/faults").then().statusCode(200).body("failureRate", equalTo(0.0f));
    }

    private static String newOrder() {
        return UUID.randomUUID().toString();
    }

    private static ValidatableResponse authorise(String order, long cents) {
        return given().contentType(ContentType.JSON).body("{\"amountCents\":" + cents + "}")
                .post("/payments/" + order + "/authorise").then();
    }

    private static ValidatableResponse post(String order, String operation) {
        return given().post("/payments/" + order + "/" + operation).then();
    }

    private static void faults(long latencyMs, double failureRate, double declineRate) {
        given().contentType(ContentType.JSON)
                .body("{\"latencyMs\":" + latencyMs + ",\"jitterMs\":0,\"failureRate\":" + failureRate + ",\"declineRate\":"
                        + declineRate + "}")
                .put("/admin/faults").then().statusCode(200);
    }
}
