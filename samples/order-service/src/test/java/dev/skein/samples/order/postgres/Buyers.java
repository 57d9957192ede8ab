package dev.skein.samples.order.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Buyers placing orders over real HTTP, one branch of a Skein scope each, at most {@code concurrency} at once. The
 * first {@code concurrency} buyers are held at a gate until all of them are ready, then released together.
 */
final class Buyers {

    /** What one buyer was answered: the HTTP status and the order's status and reason (empty without a body). */
    record Answer(int httpStatus, String orderStatus, String reason) {
        boolean confirmed() {
            return "CONFIRMED".equals(orderStatus);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Buyers() {
    }

    /**
     * Places one order per element of {@code quantities} (its quantity of {@link SagaTables#PRODUCT}) and waits for
     * every answer; {@code onAnswer} sees each as it comes. {@return the answers, in order}
     */
    static List<Answer> race(URI orderService, List<Integer> quantities, int concurrency, Consumer<Answer> onAnswer)
            throws InterruptedException {
        int gated = Math.min(concurrency, quantities.size());
        CountDownLatch ready = new CountDownLatch(gated);
        CountDownLatch go = new CountDownLatch(1);
        List<Branch<Answer>> branches = new ArrayList<>();
        try (Scope scope = Scope.openSupervisor(cfg -> cfg.withName("buyers").withMaxConcurrency(concurrency))) {
            for (int i = 0; i < quantities.size(); i++) {
                if (i == gated) {
                    ready.await();
                    go.countDown();
                }
                String body = "{\"productId\":\"" + SagaTables.PRODUCT + "\",\"quantity\":" + quantities.get(i) + "}";
                boolean atGate = i < gated;
                branches.add(scope.fork("buyer", () -> {
                    if (atGate) {
                        ready.countDown();
                        go.await();
                    }
                    Answer answer = place(orderService, body);
                    onAnswer.accept(answer);
                    return answer;
                }));
            }
            if (gated == quantities.size()) {
                ready.await();
                go.countDown();
            }
            scope.join();
        }
        return branches.stream().map(Branch::resultNow).toList();
    }

    /** {@return how many answers have each HTTP status and order status} */
    static Map<String, Long> tally(List<Answer> answers) {
        Map<String, Long> tally = new TreeMap<>();
        answers.forEach(a -> tally.merge(a.httpStatus() + " " + a.orderStatus(), 1L, Long::sum));
        return tally;
    }

    private static Answer place(URI orderService, String body) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(orderService.resolve("/orders")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Answer(0, "", "no answer: " + e);
        }
        JsonNode json = json(response.body());
        return new Answer(response.statusCode(), json.path("status").asText(""), json.path("reason").asText(response.body()));
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return JSON.missingNode();
        }
    }
}
