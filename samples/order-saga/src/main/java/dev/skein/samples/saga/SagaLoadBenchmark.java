package dev.skein.samples.saga;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The order saga under load: orders per second and p50/p99 latency of {@code POST /orders} (the Skein graph) and
 * {@code POST /orders/by-hand} (the same saga with {@code CompletableFuture}), for each stock strategy. An HTTP load
 * test across processes, not JMH: it starts the payment service once (a fixed latency, no failures) and the order
 * service once per strategy, warms both endpoints up, then measures rounds of {@code orders} orders at
 * {@code concurrency} requests in flight, the engines interleaved (the order alternating between rounds), so that
 * neither always runs on a colder or hotter JVM, database or heap.
 *
 * <p>Needs both applications packaged ({@code samples/*-service/target/quarkus-app}) and only the JDK: run it from
 * the repository root with {@code samples/order-saga/bench.sh}, which builds them and holds the build lock, or
 * directly as {@code java samples/order-saga/src/main/java/dev/skein/samples/saga/SagaLoadBenchmark.java [options]}.
 * Writes every round to {@code samples/order-saga/target/saga-load.csv} and prints one {@code ratio} line per
 * strategy: Skein's throughput divided by the hand-written saga's, per pair of rounds, as median, quartiles, min and
 * max.
 */
public final class SagaLoadBenchmark {

    /** What one run measures; every field can be set with {@code --name value}. */
    record Settings(int orders, int concurrency, int rounds, int warmupRounds, long paymentLatencyMs, List<String> strategies,
            Path csv, List<String> orderServiceProperties) {

        static Settings parse(String[] args) {
            Map<String, String> given = new ConcurrentHashMap<>();
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("-h") || args[i].equals("--help")) {
                    System.out.println("""
                            SagaLoadBenchmark [--orders 500] [--concurrency 16] [--rounds 6] [--warmup-rounds 16]
                                              [--payment-latency-ms 5] [--strategies pessimistic,optimistic,redis-lock]
                                              [--csv samples/order-saga/target/saga-load.csv]
                                              [--order-service-properties key=value,-XX:jvm-option,...]
                            redis-lock is measured only when Redis answers at 127.0.0.1:6379. The properties (and
                            JVM options, those starting with -) are passed to each start of the order service, for
                            a diagnostic run, or to compare with the saga by hand on Quarkus's executor, which carries
                            the request's context into its steps: sample.by-hand.executor=quarkus.""");
                    System.exit(0);
                }
                if (!args[i].startsWith("--") || i + 1 == args.length) {
                    throw new IllegalArgumentException("expected --name value, got " + args[i]);
                }
                given.put(args[i].substring(2), args[++i]);
            }
            Settings s = new Settings(
                    positive(given, "orders", 500), positive(given, "concurrency", 16), positive(given, "rounds", 6),
                    positive(given, "warmup-rounds", 16), positive(given, "payment-latency-ms", 5),
                    List.of(given.getOrDefault("strategies", "pessimistic,optimistic,redis-lock").split(",")),
                    Path.of(given.getOrDefault("csv", "samples/order-saga/target/saga-load.csv")),
                    given.containsKey("order-service-properties")
                            ? Arrays.stream(given.get("order-service-properties").split(","))
                                    .map(p -> p.startsWith("-") ? p : "-D" + p).toList()
                            : List.of());
            given.keySet().removeAll(List.of("orders", "concurrency", "rounds", "warmup-rounds", "payment-latency-ms", "strategies", "csv",
                    "order-service-properties"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown options: " + given.keySet());
            }
            return s;
        }

        private static int positive(Map<String, String> given, String name, int byDefault) {
            int value = Integer.parseInt(given.getOrDefault(name, Integer.toString(byDefault)));
            if (value <= 0) {
                throw new IllegalArgumentException("--" + name + " must be positive, was " + value);
            }
            return value;
        }
    }

    /** The two ways the order service runs the saga, by the path that runs it. */
    enum Engine {
        SKEIN("/orders"), BY_HAND("/orders/by-hand");

        final String path;

        Engine(String path) {
            this.path = path;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One measured round. */
    record Round(String strategy, Engine engine, int round, int orders, int concurrency, double seconds, int errors,
            double ordersPerSecond, double p50Ms, double p99Ms, double orderCpuMsPerOrder, double paymentCpuMsPerOrder) {

        static final String HEADER = "strategy,engine,round,orders,concurrency,seconds,errors,orders_per_s,p50_ms,p99_ms,"
                + "order_service_cpu_ms_per_order,payment_service_cpu_ms_per_order";

        String csv() {
            return String.format(Locale.ROOT, "%s,%s,%d,%d,%d,%.3f,%d,%.1f,%.2f,%.2f,%.3f,%.3f", strategy, engine.label(), round,
                    orders, concurrency, seconds, errors, ordersPerSecond, p50Ms, p99Ms, orderCpuMsPerOrder, paymentCpuMsPerOrder);
        }
    }

    /** The two services' processes, whose CPU time each round is charged with. */
    record Services(ProcessHandle order, ProcessHandle payment) {

        long[] cpuNanos() {
            return new long[] {cpu(order), cpu(payment)};
        }

        private static long cpu(ProcessHandle p) {
            return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
    }

    static final String PRODUCT = "sku-1";
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path LOGS = ROOT.resolve("samples/order-saga/target/saga-load-logs");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private static final List<Process> CHILDREN = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Runtime.getRuntime().addShutdownHook(new Thread(SagaLoadBenchmark::stopChildren));
        Files.createDirectories(LOGS);
        System.out.printf("machine: %d cores, %s %s; %d orders per round at concurrency %d, %d rounds per engine, payment latency %d ms%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"), System.getProperty("java.version"),
                settings.orders(), settings.concurrency(), settings.rounds(), settings.paymentLatencyMs());
        List<Round> rounds = new ArrayList<>();
        int paymentPort = freePort();
        Process payment = start("payment-service", paymentPort, List.of());
        await("payment service", "http://127.0.0.1:" + paymentPort + "/admin/faults", payment);
        send("PUT", "http://127.0.0.1:" + paymentPort + "/admin/faults",
                "{\"latencyMs\":" + settings.paymentLatencyMs() + ",\"jitterMs\":0,\"failureRate\":0.0,\"declineRate\":0.0}");
        for (String strategy : settings.strategies()) {
            if (strategy.equals("redis-lock") && !redisAnswers()) {
                System.out.println("skipped redis-lock: no Redis answers at 127.0.0.1:6379");
                continue;
            }
            rounds.addAll(measure(strategy, payment, paymentPort, settings));
            writeCsv(settings.csv(), rounds);
        }
        stopChildren();
        summarise(rounds);
        System.out.println("raw results: " + settings.csv());
    }

    /** Starts the order service with {@code strategy}, warms both engines up and measures the interleaved rounds. */
    private static List<Round> measure(String strategy, Process payment, int paymentPort, Settings s) throws Exception {
        int port = freePort();
        List<String> properties = new ArrayList<>(List.of(
                "-Dsample.inventory.strategy=" + strategy,
                "-Dquarkus.rest-client.payment.url=http://127.0.0.1:" + paymentPort,
                // the benchmark measures the saga, not the sample's admission limit of 200 orders a second
                "-Dquarkus.skein.policy.orders-in.rate-limit.value=1000000",
                // the saga by hand keeps no journal: like is compared with like (what the journal costs is measured on
                // its own, docs/durability.md "Cost"); --order-service-properties quarkus.skein.graph."place order".durable=true
                // measures the durable saga
                "-Dquarkus.skein.graph.\"place order\".durable=false"));
        properties.addAll(s.orderServiceProperties());
        Process service = start("order-service", port, properties);
        Services services = new Services(service.toHandle(), payment.toHandle());
        String base = "http://127.0.0.1:" + port;
        await("order service (" + strategy + ")", base + "/products/" + PRODUCT, service);
        List<Round> measured = new ArrayList<>();
        // warm-up rounds first (numbered below 0, not kept), interleaved as the measured ones are: on two cores the
        // three JVMs were still getting faster after 5,000 orders each (in a run with three warm-up rounds of 600)
        for (int r = -s.warmupRounds(); r < s.rounds(); r++) {
            Engine[] order = Math.floorMod(r, 2) == 0 ? new Engine[] {Engine.SKEIN, Engine.BY_HAND}
                    : new Engine[] {Engine.BY_HAND, Engine.SKEIN};
            for (Engine engine : order) {
                restock(base, s.orders());
                Round done = run(base, strategy, engine, r, s.orders(), s.concurrency(), services);
                if (r >= 0) {
                    measured.add(done);
                }
                System.out.printf(Locale.ROOT, "  %s %2d %-11s %-8s %7.1f orders/s  p50 %7.2f ms  p99 %7.2f ms  %d errors%n",
                        r < 0 ? "warm-up" : "round  ", r, strategy, engine.label(), done.ordersPerSecond(), done.p50Ms(),
                        done.p99Ms(), done.errors());
            }
        }
        stop(service);
        return measured;
    }

    /** Sends {@code orders} orders from {@code concurrency} virtual threads, each sending its next when its last is answered. */
    static Round run(String base, String strategy, Engine engine, int round, int orders, int concurrency, Services services)
            throws InterruptedException {
        long[] cpuBefore = services.cpuNanos();
        long[] latencies = new long[orders];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        URI uri = URI.create(base + engine.path);
        String body = "{\"productId\":\"" + PRODUCT + "\",\"quantity\":1}";
        long start = System.nanoTime();
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < orders; i = next.getAndIncrement()) {
                        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                        long sent = System.nanoTime();
                        try {
                            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                            if (answer.statusCode() / 100 != 2) {
                                noteError(errors, engine, answer.statusCode() + " " + answer.body());
                            }
                        } catch (IOException e) {
                            noteError(errors, engine, e.toString());
                        }
                        latencies[i] = System.nanoTime() - sent;
                    }
                    return null;
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = services.cpuNanos();
        Arrays.sort(latencies);
        return new Round(strategy, engine, round, orders, concurrency, seconds, errors.get(), orders / seconds,
                percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6,
                (cpuAfter[0] - cpuBefore[0]) / 1e6 / orders, (cpuAfter[1] - cpuBefore[1]) / 1e6 / orders);
    }

    private static void noteError(AtomicInteger errors, Engine engine, String what) {
        if (errors.incrementAndGet() <= 3) {
            System.out.println("    " + engine.label() + " answered: " + what);
        }
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Prints each strategy's medians and spreads, and the throughput ratio of Skein to the hand-written saga. */
    static void summarise(List<Round> rounds) {
        System.out.println();
        System.out.println("strategy     engine    orders/s median (min-max)   p50 ms median (min-max)   p99 ms median (min-max)"
                + "   CPU ms per order: order service, payment service (medians)");
        List<String> strategies = rounds.stream().map(Round::strategy).distinct().toList();
        for (String strategy : strategies) {
            for (Engine engine : Engine.values()) {
                List<Round> mine = rounds.stream().filter(r -> r.strategy().equals(strategy) && r.engine() == engine).toList();
                System.out.printf(Locale.ROOT, "%-12s %-8s  %s   %s   %s   %.2f, %.2f%n", strategy, engine.label(),
                        spread(mine.stream().mapToDouble(Round::ordersPerSecond).toArray(), "%7.1f"),
                        spread(mine.stream().mapToDouble(Round::p50Ms).toArray(), "%6.2f"),
                        spread(mine.stream().mapToDouble(Round::p99Ms).toArray(), "%6.2f"),
                        median(mine.stream().mapToDouble(Round::orderCpuMsPerOrder).sorted().toArray()),
                        median(mine.stream().mapToDouble(Round::paymentCpuMsPerOrder).sorted().toArray()));
            }
        }
        System.out.println();
        for (String strategy : strategies) {
            List<Round> skein = byRound(rounds, strategy, Engine.SKEIN);
            List<Round> hand = byRound(rounds, strategy, Engine.BY_HAND);
            double[] throughput = new double[skein.size()];
            double[] p99 = new double[skein.size()];
            for (int i = 0; i < skein.size(); i++) {
                throughput[i] = skein.get(i).ordersPerSecond() / hand.get(i).ordersPerSecond();
                p99[i] = skein.get(i).p99Ms() / hand.get(i).p99Ms();
            }
            System.out.printf(Locale.ROOT, "ratio saga-%s-skein-vs-by-hand-throughput %s%n", strategy, ratio(throughput));
            System.out.printf(Locale.ROOT, "ratio saga-%s-skein-vs-by-hand-p99 %s%n", strategy, ratio(p99));
            double[] cpu = new double[skein.size()];
            for (int i = 0; i < skein.size(); i++) {
                cpu[i] = skein.get(i).orderCpuMsPerOrder() / hand.get(i).orderCpuMsPerOrder();
            }
            System.out.printf(Locale.ROOT, "ratio saga-%s-skein-vs-by-hand-order-service-cpu-per-order %s%n", strategy, ratio(cpu));
        }
    }

    private static List<Round> byRound(List<Round> rounds, String strategy, Engine engine) {
        return rounds.stream().filter(r -> r.strategy().equals(strategy) && r.engine() == engine)
                .sorted(Comparator.comparingInt(Round::round)).toList();
    }

    private static String spread(double[] values, String format) {
        double[] v = values.clone();
        Arrays.sort(v);
        return String.format(Locale.ROOT, format + " (" + format.replaceAll("%\\d+", "%") + "-" + format.replaceAll("%\\d+", "%") + ")",
                median(v), v[0], v[v.length - 1]);
    }

    private static String ratio(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return String.format(Locale.ROOT, "median %.3f q1 %.3f q3 %.3f min %.3f max %.3f", median(v), quantile(v, 0.25),
                quantile(v, 0.75), v[0], v[v.length - 1]);
    }

    /** {@return the {@code q} quantile of {@code sorted}, interpolated linearly between the two nearest values} */
    static double quantile(double[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static void writeCsv(Path csv, List<Round> rounds) throws IOException {
        Files.createDirectories(csv.toAbsolutePath().getParent());
        List<String> lines = new ArrayList<>();
        lines.add(Round.HEADER);
        rounds.forEach(r -> lines.add(r.csv()));
        Files.write(csv, lines);
    }

    private static void restock(String base, int orders) throws IOException, InterruptedException {
        send("PUT", base + "/admin/products/" + PRODUCT + "/stock", "{\"stock\":" + (orders + 1000) + "}");
    }

    /** Starts the packaged application {@code name} on {@code port}; its output goes to a log file. */
    private static Process start(String name, int port, List<String> properties) throws IOException {
        Path jar = ROOT.resolve("samples/" + name + "/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: package it first (samples/order-saga/bench.sh does)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Dquarkus.http.port=" + port);
        // no collector runs here: the span exporter would only fail, and neither engine should pay for it
        command.add("-Dquarkus.otel.sdk.disabled=true");
        command.addAll(properties);
        command.addAll(List.of("-jar", jar.toString()));
        Path log = LOGS.resolve(name + "-" + port + ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        synchronized (CHILDREN) {
            CHILDREN.add(p);
        }
        return p;
    }

    private static void await(String what, String url, Process process) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited with " + process.exitValue() + ": see " + LOGS);
            }
            try {
                HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200); // polling a starting process: there is nothing to wait on
        }
        throw new IllegalStateException(what + " did not answer " + url + " within 60 s: see " + LOGS);
    }

    private static void send(String method, String url, String json) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + url + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    static boolean redisAnswers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 300);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readNBytes(5);
            return new String(answer, StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    private static void stopChildren() {
        synchronized (CHILDREN) {
            for (Process p : CHILDREN) {
                if (p.isAlive()) {
                    try {
                        stop(p);
                    } catch (InterruptedException e) {
                        p.destroyForcibly();
                    }
                }
            }
        }
    }

    private SagaLoadBenchmark() {
    }
}
