package dev.skein.samples.order.postgres;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The payment service as a real child process (its fast-jar, built for PostgreSQL by the Maven profile
 * {@code postgres}), sharing the database {@code test} with the order service under test. Started before the order
 * service, it points the order service's REST client at itself. A test can kill it the hard way ({@link #kill()}, a
 * {@code kill -9}) and start it again on the same port ({@link #restart()}).
 */
public class PaymentServiceOnPostgres implements QuarkusTestResourceLifecycleManager {

    static final Path JAR = Path.of("../payment-service/target/quarkus-app/quarkus-run.jar");

    private static volatile Process process;
    private static volatile int port;
    private static volatile Path log;

    @Override
    public Map<String, String> start() {
        try {
            port = freePort();
            log = Files.createTempFile("payment-service-", ".log");
            launch();
        } catch (IOException e) {
            throw new IllegalStateException("could not start the payment service", e);
        }
        return Map.of("quarkus.rest-client.payment.url", url());
    }

    @Override
    public void stop() {
        Process p = process;
        if (p != null) {
            p.destroy();
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@return the base URL of the payment service} */
    static String url() {
        return "http://localhost:" + port;
    }

    /** Kills the process at once (SIGKILL: no shutdown hook, no answer to requests in flight) and waits until it is gone. */
    static void kill() throws InterruptedException {
        if (!process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the payment service did not die within 10 s");
        }
    }

    /** Starts the payment service again on the same port and waits until it is ready. */
    static void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException("the payment service still runs");
        }
        launch();
    }

    /** Switches the payment service's faults ({@code PUT /admin/faults}). */
    static void faults(long latencyMs, long jitterMs, double failureRate, double declineRate) {
        String body = "{\"latencyMs\":" + latencyMs + ",\"jitterMs\":" + jitterMs + ",\"failureRate\":" + failureRate
                + ",\"declineRate\":" + declineRate + "}";
        int status = send(HttpRequest.newBuilder(URI.create(url() + "/admin/faults")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
        if (status != 200) {
            throw new IllegalStateException("PUT /admin/faults " + body + " was answered " + status);
        }
    }

    /** Refunds the order's payment by its id (voids it if only authorised): what a reconciliation does. {@return the HTTP status} */
    static int refund(String orderId) {
        return send(HttpRequest.newBuilder(URI.create(url() + "/payments/" + orderId + "/refund")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static int send(HttpRequest.Builder request) {
        try {
            return HttpClient.newHttpClient().send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new IllegalStateException("the payment service did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void launch() throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath() + " does not exist: build it with -Ppostgres -pl samples/order-service -am");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dquarkus.http.port=" + port);
        // the jar was built for PostgreSQL; its %pg profile names the database and lets it share the schema
        command.add("-Dquarkus.profile=pg");
        command.add("-Dquarkus.datasource.jdbc.url=" + SagaTables.URL);
        command.add("-Dquarkus.datasource.username=" + SagaTables.USER);
        command.add("-Dquarkus.otel.sdk.disabled=true");
        command.add("-jar");
        command.add(JAR.toString());
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        awaitReady(Duration.ofSeconds(60));
    }

    private static void awaitReady(Duration timeout) throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        long until = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the payment service exited with " + process.exitValue() + "; see " + log);
            }
            try {
                try {
                    if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(100); // polling a process that is starting: there is nothing else to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the payment service", e);
            }
        }
        throw new IllegalStateException("the payment service was not ready within " + timeout.toSeconds() + " s; see " + log);
    }

    private static int freePort() throws IOException {
        try (ServerSocket any = new ServerSocket(0)) {
            return any.getLocalPort();
        }
    }
}
