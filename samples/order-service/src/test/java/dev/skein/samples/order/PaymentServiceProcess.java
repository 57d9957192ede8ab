package dev.skein.samples.order;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * The real payment service, run as a process from its fast-jar ({@code samples/payment-service}, which the reactor
 * builds first), on a free port; the order service's REST Client is pointed at it. A test can {@link #kill()} it and
 * {@link #start()} it again through {@link #current()}. Its output goes to {@code target/payment-service.log}. Built
 * for PostgreSQL (the Maven profile {@code postgres}), it shares the order service's database.
 */
public class PaymentServiceProcess implements QuarkusTestResourceLifecycleManager {

    private static final Path JAR = Path.of("../payment-service/target/quarkus-app/quarkus-run.jar");
    private static final Path LOG = Path.of("target/payment-service.log");

    private static volatile PaymentServiceProcess current;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private int port;
    private Process process;

    /** {@return the process of the running test application} */
    public static PaymentServiceProcess current() {
        PaymentServiceProcess p = current;
        if (p == null) {
            throw new IllegalStateException("no payment service: annotate the test with @WithTestResource(PaymentServiceProcess.class)");
        }
        return p;
    }

    @Override
    public Map<String, String> start() {
        port = freePort();
        current = this;
        startProcess();
        return Map.of("quarkus.rest-client.payment.url", url());
    }

    @Override
    public void stop() {
        kill();
        current = null;
    }

    /** {@return the service's base URL} */
    public String url() {
        return "http://localhost:" + port;
    }

    /** {@return whether the process runs} */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the service again on the same port, unless it runs; returns once it is ready. */
    public synchronized void startProcess() {
        if (isRunning()) {
            return;
        }
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR.toAbsolutePath().normalize() + " does not exist: build the payment service first"
                    + " (./mvnw package -pl samples/order-service -am runs the reactor in order)");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-Dquarkus.http.port=" + port,
                    "-Dquarkus.otel.exporter.otlp.enabled=false"));
            if ("postgresql".equals(System.getProperty("quarkus.datasource.db-kind"))) {
                // the profile postgres built the jar for PostgreSQL: the same database as the order service
                command.addAll(List.of("-Dquarkus.profile=pg",
                        "-Dquarkus.datasource.jdbc.url=" + System.getProperty("quarkus.datasource.jdbc.url"),
                        "-Dquarkus.datasource.username=" + System.getProperty("quarkus.datasource.username")));
            }
            command.addAll(List.of("-jar", JAR.toString()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process started = process;
        await("payment service ready at " + url() + " (see " + LOG + ")").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("the payment service exited with " + started.exitValue() + "; see " + LOG);
                    }
                    return ready();
                });
    }

    /** Kills the process at once (SIGKILL: no shutdown, no answer to requests in flight) and waits until it has gone. */
    public synchronized void killHard() throws InterruptedException {
        if (process == null) {
            return;
        }
        if (!process.destroyForcibly().waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the payment service did not die within 10 s");
        }
        process = null;
    }

    /** Stops the process (as a crash would, if it does not end within 10 s) and waits until it has gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
