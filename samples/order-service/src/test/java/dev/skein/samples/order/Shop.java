package dev.skein.samples.order;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.policy.Policies;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A buyer and an operator of the sample over real HTTP: orders to the order service, faults and payments at the
 * payment service. Safe to use from many threads at once.
 */
public final class Shop {

    public static final String SKU = "sku-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** An answer: its status and JSON body (null when the body is not JSON). */
    public record Answer(int status, JsonNode body, HttpResponse<String> response) {
        public String text(String field) {
            return body == null || body.get(field) == null || body.get(field).isNull() ? null : body.get(field).asText();
        }
    }

    private Shop() {
    }

    /** The state every test starts from: the payment service up and well, its breaker closed, {@code stock} items. */
    public static void reset(int stock) {
        PaymentServiceProcess.current().startProcess();
        faults(0, 0, 0, 0);
        Policies.get("payment").resetBreaker();
        setStock(stock);
    }

    public static Answer order(int quantity) {
        return order(quantity, null);
    }

    public static Answer order(int quantity, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(orderService("/orders")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"productId\":\"" + SKU + "\",\"quantity\":" + quantity + "}"));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    /** Places {@code buyers} orders of one item, all released at once. {@return the answers} */
    public static List<Answer> orderConcurrently(int buyers) throws Exception {
        return concurrently(buyers, () -> order(1));
    }

    /** Makes {@code calls} calls, all released at once. {@return the answers, in the order of the calls} */
    public static List<Answer> concurrently(int calls, Callable<Answer> call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < calls; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            answers.add(f.get());
        }
        return answers;
    }

    public static Answer get(String path) {
        return send(HttpRequest.newBuilder(orderService(path)).timeout(Duration.ofSeconds(10)).GET().build());
    }

    public static void setStock(int stock) {
        Answer set = send(HttpRequest.newBuilder(orderService("/admin/products/" + SKU + "/stock"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"stock\":" + stock + "}")).build());
        if (set.status() != 200) {
            throw new IllegalStateException("setting the stock answered " + set.status());
        }
    }

    public static void faults(long latencyMs, long jitterMs, double failureRate, double declineRate) {
        String body = "{\"latencyMs\":%d,\"jitterMs\":%d,\"failureRate\":%s,\"declineRate\":%s}"
                .formatted(latencyMs, jitterMs, failureRate, declineRate);
        Answer set = send(HttpRequest.newBuilder(URI.create(PaymentServiceProcess.current().url() + "/admin/faults"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        if (set.status() != 200) {
            throw new IllegalStateException("setting the faults answered " + set.status() + ": " + set.response().body());
        }
    }

    /** Refunds the order's payment by its id (voids it if only authorised), as a reconciliation does. {@return the answer} */
    public static Answer refund(String orderId) {
        return send(HttpRequest.newBuilder(URI.create(PaymentServiceProcess.current().url() + "/payments/" + orderId + "/refund"))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** {@return the payment service's payment of the order; status 404 when it has none} */
    public static Answer payment(String orderId) {
        return send(HttpRequest.newBuilder(URI.create(PaymentServiceProcess.current().url() + "/payments/" + orderId)).GET().build());
    }

    /** {@return the payment service's payments, all of them: a JSON array} */
    public static Answer payments() {
        return send(HttpRequest.newBuilder(URI.create(PaymentServiceProcess.current().url() + "/payments")).GET().build());
    }

    private static URI orderService(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path); // the test application's port, set by @QuarkusTest
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (IOException notJson) {
                // a plain-text answer
            }
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
