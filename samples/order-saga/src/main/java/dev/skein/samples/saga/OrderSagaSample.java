package dev.skein.samples.saga;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The order-saga sample's entry point: starts the payment service and the order service, each a Quarkus
 * application with its own H2 database, as child processes, and then
 * <ul>
 * <li>{@code serve}: prints where to send an order and {@code curl} lines that work, and runs until Ctrl-C;</li>
 * <li>{@code burst [orders] [concurrency]} (the default): places one order that is confirmed and one whose payment is
 * declined (and compensated), draws both as traces and the declined one's saga run as a Mermaid Gantt chart, then
 * fires a burst with payment faults switched on, prints what happened, checks the saga's invariants against both
 * services, stops them and exits (1 when an invariant does not hold).</li>
 * </ul>
 */
public final class OrderSagaSample {

    static final String PRODUCT = "sku-1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OrderSagaSample() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "burst";
        if (!mode.equals("serve") && !mode.equals("burst")) {
            System.err.println("usage: OrderSagaSample serve | burst [orders (200)] [concurrency (32)]");
            System.exit(2);
        }
        Path samples = Path.of(System.getProperty("sample.home", "samples")).toAbsolutePath().normalize();
        Path logs = samples.resolve("order-saga/target/logs");
        Map<String, String> spans = Map.of("quarkus.otel.bsp.schedule.delay", "200ms");
        int paymentPort = ServiceProcess.portOr(8081);
        int orderPort = ServiceProcess.portOr(8080);
        System.out.println("Starting the payment service (:" + paymentPort + ") and the order service (:" + orderPort
                + "), on H2; logs in " + logs);
        try (ServiceProcess payment = ServiceProcess.start("payment-service",
                        samples.resolve("payment-service/target/quarkus-app/quarkus-run.jar"), paymentPort, with(spans,
                                "sample.spans.file", logs.resolve("payment-service-spans.jsonl").toString()), logs);
                ServiceProcess order = ServiceProcess.start("order-service",
                        samples.resolve("order-service/target/quarkus-app/quarkus-run.jar"), orderPort,
                        with(with(spans, "sample.spans.file", logs.resolve("order-service-spans.jsonl").toString()),
                                "quarkus.rest-client.payment.url", "http://localhost:" + paymentPort), logs)) {
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
                order.close();
                payment.close();
            }));
            payment.awaitReady(Duration.ofSeconds(60));
            order.awaitReady(Duration.ofSeconds(60));
            if (mode.equals("serve")) {
                serve(order, payment);
            } else {
                int orders = args.length > 1 ? Integer.parseInt(args[1]) : 200;
                int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
                boolean held = burst(order, payment, orders, concurrency);
                if (!held) {
                    System.exit(1);
                }
            }
        }
    }

    private static void serve(ServiceProcess order, ServiceProcess payment) throws InterruptedException {
        System.out.println("""

                The order service is at %1$s, the payment service at %2$s.
                Place an order (send it twice: the Idempotency-Key makes the second one return the first):
                  curl -s -X POST %1$s/orders -H 'Content-Type: application/json' -H 'Idempotency-Key: try-1' -d '{"productId":"%3$s","quantity":1}'
                Make the payment service decline, fail or be slow, then order again:
                  curl -s -X PUT %2$s/admin/faults -H 'Content-Type: application/json' -d '{"latencyMs":0,"jitterMs":0,"failureRate":0.0,"declineRate":1.0}'
                Look at the stock, the orders, readiness (DOWN while the payment breaker is open), metrics, live scopes:
                  curl -s %1$s/products/%3$s
                  curl -s %1$s/admin/stats
                  curl -s %1$s/q/health/ready
                  curl -s %1$s/q/metrics | grep skein_
                  curl -s %1$s/q/skein/scopes
                Ctrl-C stops both services.""".formatted(order.url(), payment.url(), PRODUCT));
        order.waitFor();
    }

    private static boolean burst(ServiceProcess order, ServiceProcess payment, int orders, int concurrency)
            throws Exception {
        String o = order.url();
        String p = payment.url();
        noFaults(p);
        Http.put(o + "/admin/products/" + PRODUCT + "/stock", "{\"stock\":10}");

        System.out.println("\n== 1. An order, payment healthy");
        Traced confirmed = placeTraced(o);
        System.out.println("\n== 2. An order whose payment is declined: the stock it reserved is released");
        Http.put(p + "/admin/faults", "{\"latencyMs\":0,\"jitterMs\":0,\"failureRate\":0.0,\"declineRate\":1.0}");
        Traced declined = placeTraced(o);
        System.out.println("   stock now: " + stock(o));
        List<Path> spanFiles = List.of(order.log().resolveSibling("order-service-spans.jsonl"),
                payment.log().resolveSibling("payment-service-spans.jsonl"));
        drawTrace("confirmed-order", confirmed.traceId(), spanFiles, logs(order));
        drawTrace("declined-order", declined.traceId(), spanFiles, logs(order));
        writeTimeline("declined-order", o, declined.orderId(), logs(order));

        int stockBefore = Math.max(1, orders / 4);
        Http.put(o + "/admin/products/" + PRODUCT + "/stock", "{\"stock\":" + stockBefore + "}");
        Http.put(p + "/admin/faults", "{\"latencyMs\":20,\"jitterMs\":1500,\"failureRate\":0.2,\"declineRate\":0.1}");
        Map<String, Integer> paymentsBefore = paymentsByStatus(p);
        System.out.printf("%n== 3. A burst: %d orders, %d at a time, for %d items; payments: 20%% fail, 10%% declined, "
                + "latency 20-1520 ms%n", orders, concurrency, stockBefore);
        Burst.Result result = Burst.fire(o, PRODUCT, orders, concurrency);
        noFaults(p);

        System.out.printf("   confirmed: %d%n", result.confirmed());
        result.failuresByReason().forEach((reason, n) -> System.out.printf("   failed, %s: %d%n", reason, n));
        System.out.printf("   answered 429 (rate limit) and sent again after Retry-After: %d%n", result.rateLimited());
        int stockAfter = stock(o);
        System.out.printf("   stock before: %d, after: %d%n", stockBefore, stockAfter);
        System.out.printf("   %.1f orders/s, latency p50 %d ms, p99 %d ms%n", result.ordersPerSecond(),
                result.percentileMillis(0.50), result.percentileMillis(0.99));
        JsonNode stats = Http.get(o + "/admin/stats").body();
        System.out.println("   order service's stats: " + stats);

        Map<String, Integer> payments = subtract(paymentsByStatus(p), paymentsBefore);
        System.out.println("   payments by status (this burst): " + payments);
        // the saga is durable: its journal lists the runs not over (a parked one waits for a person's retry)
        Http.Answer journal = Http.get(o + "/q/skein/runs");
        if (journal.status() != 200 || !journal.body().isArray()) {
            throw new IllegalStateException("GET " + o + "/q/skein/runs answered " + journal.status() + ": " + journal.body());
        }
        JsonNode notOver = journal.body();
        int parked = 0;
        for (JsonNode run : notOver) {
            parked += "PARKED".equals(run.path("status").asText()) ? 1 : 0;
        }
        System.out.printf("   the saga's journal (GET %s/q/skein/runs): %d runs not over, %d of them parked%n", o, notOver.size(), parked);
        boolean held = check("stock = before - confirmed", stockAfter == stockBefore - result.confirmed())
                & check("stock never negative", stockAfter >= 0)
                & check("every confirmed order captured its payment", payments.getOrDefault("CAPTURED", 0) == result.confirmed())
                & check("no payment left authorised", payments.getOrDefault("AUTHORISED", 0) == 0);
        System.out.println("""

                Traces: each order is one trace across both services. Above, two drawn from the span files the
                services write (pictures in %1$s); the services also send them by OTLP to localhost:4317, so with
                  docker run --rm -p 16686:16686 -p 4317:4317 jaegertracing/all-in-one
                started first, http://localhost:16686 shows every order. The services' logs: %1$s""".formatted(logs(order)));
        return held;
    }

    /** An order placed in a trace of its own. */
    private record Traced(String orderId, String traceId) {
    }

    /** Places an order in a trace of its own (a W3C traceparent the services continue). */
    private static Traced placeTraced(String orderService) throws Exception {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
        Http.Answer answer = Http.post(orderService + "/orders", "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1}",
                Map.of("traceparent", traceparent));
        show(answer);
        return new Traced(answer.text("id"), traceId);
    }

    /** Writes the order's saga run, as the order service draws it (a Mermaid Gantt chart), to a file. */
    private static void writeTimeline(String name, String orderService, String orderId, Path dir) throws Exception {
        HttpResponse<String> timeline = Http.getText(orderService + "/orders/" + orderId + "/timeline");
        if (timeline.statusCode() != 200) {
            System.out.printf("%n   (no timeline of the %s: HTTP %d, %s)%n", name.replace('-', ' '), timeline.statusCode(),
                    timeline.body());
            return;
        }
        Path mmd = dir.resolve("timeline-" + name + ".mmd");
        Files.writeString(mmd, timeline.body());
        System.out.printf("%n   The %s's saga run, as a Mermaid Gantt chart (GET /orders/%s/timeline): %s%n",
                name.replace('-', ' '), orderId, mmd);
    }

    /** Waits (up to 10 s) until the trace's spans stop arriving in the files, prints it and writes it as SVG. */
    private static void drawTrace(String name, String traceId, List<Path> spanFiles, Path dir) throws Exception {
        TraceDrawing drawing = TraceDrawing.read(traceId, spanFiles);
        for (int i = 0; i < 50; i++) {
            Thread.sleep(200);
            TraceDrawing now = TraceDrawing.read(traceId, spanFiles);
            if (!now.isEmpty() && now.size() == drawing.size()) {
                break;
            }
            drawing = now;
        }
        if (drawing.isEmpty()) {
            System.out.println("   (no spans of trace " + traceId + " were written)");
            return;
        }
        Path svg = dir.resolve("trace-" + name + ".svg");
        Files.writeString(svg, drawing.svg());
        System.out.printf("%n   The %s, as a trace across both services (%s):%n%s", name.replace('-', ' '), svg,
                drawing.text(40));
    }

    private static Path logs(ServiceProcess service) {
        return service.log().getParent();
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static Map<String, String> with(Map<String, String> properties, String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(properties);
        more.put(key, value);
        return more;
    }

    private static void show(Http.Answer answer) {
        System.out.printf("   HTTP %d: order %s %s%s%n", answer.status(), answer.text("id"), answer.text("status"),
                answer.text("reason").isEmpty() ? "" : " (" + answer.text("reason") + ")");
    }

    private static int stock(String orderService) throws Exception {
        return Http.get(orderService + "/products/" + PRODUCT).body().path("stock").asInt(-1);
    }

    private static void noFaults(String paymentService) throws Exception {
        Http.put(paymentService + "/admin/faults", "{\"latencyMs\":0,\"jitterMs\":0,\"failureRate\":0.0,\"declineRate\":0.0}");
    }

    private static Map<String, Integer> paymentsByStatus(String paymentService) throws Exception {
        Map<String, Integer> byStatus = new TreeMap<>();
        for (JsonNode payment : Http.get(paymentService + "/payments").body()) {
            byStatus.merge(payment.path("status").asText(), 1, Integer::sum);
        }
        return byStatus;
    }

    private static Map<String, Integer> subtract(Map<String, Integer> after, Map<String, Integer> before) {
        Map<String, Integer> diff = new LinkedHashMap<>();
        after.forEach((status, n) -> diff.put(status, n - before.getOrDefault(status, 0)));
        return diff;
    }

    private static boolean check(String invariant, boolean holds) {
        System.out.printf("   %s %s%n", holds ? "OK  " : "FAIL", invariant);
        return holds;
    }
}
