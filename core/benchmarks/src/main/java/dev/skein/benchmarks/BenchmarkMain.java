package dev.skein.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every comparison in one go and prints one line per comparison, {@code ratio <name> <value>}
 * (Skein's cost divided by the other's: below 1 is better), after {@code result <name> <value> <unit>}
 * lines with the raw numbers. {@code --quick} (fewer, shorter iterations) or the default, longer run;
 * {@code core/benchmarks/run.sh --help} and docs/benchmarks.md give their durations. {@code --shared-limits}
 * runs {@link SharedLimitBenchmark} instead, alone, and {@code --durable} {@link DurableSagaBenchmark}: both need
 * PostgreSQL.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean sharedLimits = false;
        boolean durable = false;
        boolean verdict = false;
        int rounds = 5;
        Set<String> only = new LinkedHashSet<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--shared-limits" -> sharedLimits = true;
                case "--durable" -> durable = true;
                case "--verdict" -> verdict = true;
                case "--rounds" -> rounds = i + 1 < args.length ? rounds(args[++i]) : rounds("");
                case "--only" -> only.add(i + 1 < args.length ? group(args[++i]) : group(""));
                default -> {
                    System.err.println("unknown argument '" + args[i] + "': the options are --quick, --verdict [--rounds N]"
                            + " [--only GROUP], --shared-limits and --durable (see core/benchmarks/run.sh --help)");
                    System.exit(2);
                }
            }
        }
        if (verdict) {
            Verdict.run(rounds, only.isEmpty() ? Set.copyOf(Verdict.GROUPS) : only);
            return;
        }
        if (sharedLimits) {
            sharedLimits(quick);
            return;
        }
        if (durable) {
            durable(quick);
            return;
        }
        Map<String, Double> results = new LinkedHashMap<>();

        ChainedOptionsBuilder forkJoin = new OptionsBuilder()
                .include(ForkJoinBenchmark.class.getSimpleName())
                .forks(1)
                .jvmArgsAppend("--enable-preview", "--sun-misc-unsafe-memory-access=allow", "-Xmx4g")
                .warmupIterations(quick ? 3 : 5).warmupTime(TimeValue.milliseconds(quick ? 500 : 1000))
                .measurementIterations(quick ? 4 : 10).measurementTime(TimeValue.milliseconds(quick ? 1000 : 2000))
                .verbosity(VerboseMode.SILENT);
        for (RunResult r : run(forkJoin)) {
            int branches = Integer.parseInt(r.getParams().getParam("branches"));
            String name = method(r) + "-" + branches;
            double nanosPerBranch = r.getPrimaryResult().getScore() * 1000.0 / branches;
            results.put(name, nanosPerBranch);
            print("result", "fork-join-" + name, nanosPerBranch, "ns/branch");
        }

        ChainedOptionsBuilder telemetryOff = options(ForkJoinBenchmark.class.getSimpleName() + ".skeinScope", quick,
                500, "--enable-preview", "-Xmx4g", "-Dskein.telemetry=off").param("branches", "10000");
        for (RunResult r : run(telemetryOff)) {
            double nanosPerBranch = r.getPrimaryResult().getScore() * 1000.0 / 10_000;
            results.put("telemetry-off-10000", nanosPerBranch);
            print("result", "fork-join-skeinScope-telemetry-code-path-off-10000", nanosPerBranch, "ns/branch");
        }
        ChainedOptionsBuilder telemetrySdk = options(TelemetryBenchmark.class.getSimpleName(), quick, 500, "-Xmx4g");
        for (RunResult r : run(telemetrySdk)) {
            double nanosPerBranch = r.getPrimaryResult().getScore() * 1000.0 / 10_000;
            results.put("telemetry-sdk-10000", nanosPerBranch);
            print("result", "fork-join-skeinScope-sdk-recording-10000", nanosPerBranch, "ns/branch");
        }

        ChainedOptionsBuilder deadline = new OptionsBuilder()
                .include(DeadlineBenchmark.class.getSimpleName())
                .forks(1)
                .jvmArgsAppend("--enable-preview", "--sun-misc-unsafe-memory-access=allow", "-Xmx4g")
                .warmupIterations(quick ? 5 : 10)
                .measurementIterations(quick ? 15 : 40)
                .verbosity(VerboseMode.SILENT);
        for (RunResult r : run(deadline)) {
            double afterDeadline = r.getPrimaryResult().getScore() - DeadlineBenchmark.DEADLINE_MILLIS;
            results.put("deadline-" + method(r), afterDeadline);
            print("result", "close-after-deadline-" + method(r) + "-10000", afterDeadline, "ms");
        }

        ChainedOptionsBuilder graphs = options(GraphBenchmark.class.getSimpleName(), quick, 1000, "-Xmx4g");
        for (RunResult r : run(graphs)) {
            results.put("graph-" + method(r), r.getPrimaryResult().getScore());
        }
        double overheadNanos = (results.get("graph-randomDag") - results.get("graph-bareForks")) * 1000.0
                / GraphBenchmark.TASKS;
        print("result", "graph-random-dag-" + GraphBenchmark.TASKS, results.get("graph-randomDag") * 1000.0
                / GraphBenchmark.TASKS, "ns/task");
        print("result", "bare-forks-" + GraphBenchmark.TASKS, results.get("graph-bareForks") * 1000.0
                / GraphBenchmark.TASKS, "ns/branch");
        print("result", "graph-scheduling-overhead-random-dag-" + GraphBenchmark.TASKS, overheadNanos, "ns/task");
        print("result", "graph-wide-" + GraphBenchmark.WIDE_TASKS + "-tasks-of-10ms", results.get("graph-wideSleepingGraph"),
                "ms");

        ChainedOptionsBuilder policies = options(PolicyBenchmark.class.getSimpleName(), quick, 1000);
        for (RunResult r : run(policies)) {
            results.put("policy-" + method(r), r.getPrimaryResult().getScore());
            print("result", "breaker-and-limiter-call-" + method(r), r.getPrimaryResult().getScore(), "ns");
        }

        int parked = quick ? 200_000 : 1_000_000;
        for (String variant : List.of("skein", "raw", "jdk")) {
            double bytes = heapPerBranch(variant, parked);
            results.put("heap-" + variant, bytes);
            print("result", "heap-per-parked-branch-" + variant + "-" + parked, bytes, "bytes");
        }

        System.out.println();
        for (int n : new int[] {16, 10_000}) {
            ratio("skein-vs-raw-virtual-threads-" + n, results.get("skeinScope-" + n), results.get("rawVirtualThreads-" + n));
            ratio("skein-vs-virtual-thread-executor-" + n, results.get("skeinScope-" + n),
                    results.get("virtualThreadPerTaskExecutor-" + n));
            ratio("skein-vs-completable-future-" + n, results.get("skeinScope-" + n),
                    results.get("completableFutureOnVirtualThreads-" + n));
            ratio("skein-vs-jdk-scope-" + n, results.get("skeinScope-" + n), results.get("jdkStructuredTaskScope-" + n));
        }
        ratio("skein-vs-jdk-scope-close-after-deadline-10000", results.get("deadline-skeinScope"),
                results.get("deadline-jdkStructuredTaskScope"));
        ratio("skein-vs-jdk-scope-heap-per-parked-branch", results.get("heap-skein"), results.get("heap-jdk"));
        ratio("skein-vs-raw-virtual-threads-heap-per-parked-branch", results.get("heap-skein"), results.get("heap-raw"));
        ratio("graph-random-dag-vs-bare-forks-" + GraphBenchmark.TASKS, results.get("graph-randomDag"),
                results.get("graph-bareForks"));
        // target: at most 2 (microseconds of scheduling overhead per task, beyond the bare fork)
        print("ratio", "graph-scheduling-overhead-us-per-task", overheadNanos / 1000.0, null);
        // target: at most 1.05 (no SDK installed: the no-op API)
        ratio("telemetry-noop-vs-no-telemetry-code-10000", results.get("skeinScope-10000"),
                results.get("telemetry-off-10000"));
        Double sdk = results.get("telemetry-sdk-10000");
        Double noop = results.get("skeinScope-10000");
        if (sdk != null && noop != null) { // reported, no target: what recording a span per branch adds
            print("ratio", "telemetry-sdk-added-ns-per-branch", sdk - noop, null);
        }
        // target: at most 1.1
        ratio("policy-vs-smallrye-guard-directly", results.get("policy-skeinPolicy"),
                results.get("policy-smallRyeGuardDirectly"));
        ratio("named-policy-vs-smallrye-named-guard-directly", results.get("policy-skeinNamedPolicy"),
                results.get("policy-smallRyeNamedGuardDirectly"));
        // target: below 1.5 (the run against its 10 ms critical path)
        ratio("graph-wide-" + GraphBenchmark.WIDE_TASKS + "-vs-critical-path", results.get("graph-wideSleepingGraph"),
                (double) GraphBenchmark.WIDE_TASK_TIME.toMillis());
    }

    private static int rounds(String value) {
        try {
            int rounds = Integer.parseInt(value);
            if (rounds >= 1) {
                return rounds;
            }
        } catch (NumberFormatException notANumber) {
            // said below
        }
        System.err.println("--rounds takes a whole number of rounds (5 or more for a verdict), not '" + value + "'");
        System.exit(2);
        return 0;
    }

    private static String group(String value) {
        if (Verdict.GROUPS.contains(value)) {
            return value;
        }
        System.err.println("--only takes one of the verdict mode's groups of comparisons, " + String.join(", ", Verdict.GROUPS)
                + ", not '" + value + "' (repeat it for more than one)");
        System.exit(2);
        return "";
    }

    /**
     * {@link SharedLimitBenchmark} alone (it needs PostgreSQL): three forks (five in the full run), each 3 warm-ups
     * and 5 measurements of 1 s (5 and 10). Prints each variant's mean per call in microseconds with JMH's
     * 99.9 % error and each fork's mean, then the shared limit's cost over the local one's: the ratio of the
     * means, and its smallest and largest over the forks (fork i of one against fork i of the other).
     */
    private static void sharedLimits(boolean quick) throws Exception {
        Map<String, List<Double>> forks = forkedOnPostgres(SharedLimitBenchmark.class, "shared-limit-", " us/call", quick);
        ratioOverForks("shared-limit-vs-local-per-call", forks.get("sharedRateLimit"), forks.get("localRateLimit"));
        ratioOverForks("shared-limit-async-commit-vs-local-per-call", forks.get("sharedRateLimitAsyncCommit"),
                forks.get("localRateLimit"));
        ratioOverForks("shared-limit-vs-round-trip", forks.get("sharedRateLimit"), forks.get("roundTrip"));
        ratioOverForks("shared-limit-async-commit-vs-round-trip", forks.get("sharedRateLimitAsyncCommit"),
                forks.get("roundTrip"));
        ratioOverForks("advisory-lock-transaction-vs-round-trip", forks.get("advisoryLockTransaction"),
                forks.get("roundTrip"));
        List<Double> sharedForks = forks.get("sharedRateLimit");
        List<Double> localForks = forks.get("localRateLimit");
        if (sharedForks != null && localForks != null) {
            print("result", "shared-limit-added-us-per-call", mean(sharedForks) - mean(localForks), "us");
        }
    }

    /**
     * {@link DurableSagaBenchmark} alone (it needs PostgreSQL), forked as {@link #sharedLimits}: the durable saga
     * against the same saga in memory, and the journal's added cost per task in round trips on the same pool.
     */
    private static void durable(boolean quick) throws Exception {
        Map<String, List<Double>> forks = forkedOnPostgres(DurableSagaBenchmark.class, "durable-", " us", quick);
        List<Double> durableForks = forks.get("durableSaga");
        List<Double> inMemoryForks = forks.get("inMemorySaga");
        List<Double> roundTrips = forks.get("roundTrip");
        ratioOverForks("durable-saga-vs-in-memory", durableForks, inMemoryForks);
        List<Double> addedPerTask = addedPerTask(durableForks, inMemoryForks, DurableSagaBenchmark.TASKS);
        if (addedPerTask != null) {
            print("result", "durable-added-us-per-task", mean(addedPerTask), "us");
            ratioOverForks("durable-added-per-task-vs-round-trip", addedPerTask, roundTrips);
            ratioOverForks("durable-added-per-task-vs-committed-write", addedPerTask, forks.get("committedWrite"));
        }
        List<Double> together = addedPerTask(forks.get("durableSagasConcurrently"), forks.get("inMemorySagasConcurrently"),
                DurableSagaBenchmark.TASKS * DurableSagaBenchmark.CONCURRENT);
        if (together != null) {
            String name = "durable-" + DurableSagaBenchmark.CONCURRENT + "-at-once-added";
            print("result", name + "-us-per-task", mean(together), "us");
            ratioOverForks(name + "-per-task-vs-committed-write", together, forks.get("committedWrite"));
        }
        List<Double> asyncCommit = addedPerTask(forks.get("durableSagaAsyncCommit"), inMemoryForks, DurableSagaBenchmark.TASKS);
        if (asyncCommit != null) {
            print("result", "durable-async-commit-added-us-per-task", mean(asyncCommit), "us");
            ratioOverForks("durable-async-commit-added-per-task-vs-round-trip", asyncCommit, roundTrips);
        }
    }

    /** {@return per fork, (durable - in memory) / tasks; null if either is missing} */
    private static List<Double> addedPerTask(List<Double> durable, List<Double> inMemory, int tasks) {
        if (durable == null || inMemory == null) {
            return null;
        }
        List<Double> perTask = new ArrayList<>();
        for (int i = 0; i < Math.min(durable.size(), inMemory.size()); i++) {
            perTask.add((durable.get(i) - inMemory.get(i)) / tasks);
        }
        return perTask;
    }

    /**
     * Runs {@code benchmark}'s methods in three forks (five in the full run), each 3 warm-ups and 5 measurements
     * of 1 s (5 and 10), passing on the PostgreSQL URL if one is set; prints each method's mean in microseconds
     * with JMH's 99.9 % error and each fork's mean. {@return per method, each fork's mean in microseconds}
     */
    private static Map<String, List<Double>> forkedOnPostgres(Class<?> benchmark, String prefix, String unit,
            boolean quick) throws Exception {
        List<String> args = new ArrayList<>(List.of("--sun-misc-unsafe-memory-access=allow"));
        String url = System.getProperty(SharedLimitBenchmark.URL_PROPERTY);
        if (url != null) {
            args.add("-D" + SharedLimitBenchmark.URL_PROPERTY + "=" + url);
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .forks(quick ? 3 : 5)
                .jvmArgsAppend(args.toArray(String[]::new))
                .warmupIterations(quick ? 3 : 5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(quick ? 5 : 10).measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true) // e.g. PostgreSQL not reachable: say so rather than leave results out
                .verbosity(VerboseMode.SILENT);
        Map<String, List<Double>> forks = new LinkedHashMap<>();
        for (RunResult r : run(options)) {
            List<Double> perFork = r.getBenchmarkResults().stream()
                    .map(b -> b.getPrimaryResult().getScore() / 1000.0).toList();
            forks.put(method(r), perFork);
            System.out.println("result " + prefix + method(r) + " " + format(r.getPrimaryResult().getScore() / 1000.0)
                    + " ± " + format(r.getPrimaryResult().getScoreError() / 1000.0) + unit + " (forks "
                    + String.join(", ", perFork.stream().map(BenchmarkMain::format).toList()) + ")");
        }
        System.out.println();
        return forks;
    }

    private static void ratioOverForks(String name, List<Double> skein, List<Double> other) {
        if (skein == null || other == null) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < Math.min(skein.size(), other.size()); i++) {
            double ratio = skein.get(i) / other.get(i);
            min = Math.min(min, ratio);
            max = Math.max(max, ratio);
        }
        System.out.println("ratio " + name + " " + format(mean(skein) / mean(other)) + " forks-min " + format(min)
                + " forks-max " + format(max));
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /**
     * One fork; warm-up iterations of {@code warmupMillis} (doubled in the full run), measurements of 1 s
     * (2 s in the full run). {@return the options for the benchmarks {@code include} matches}
     */
    private static ChainedOptionsBuilder options(String include, boolean quick, int warmupMillis, String... jvmArgs) {
        List<String> args = new ArrayList<>(List.of("--sun-misc-unsafe-memory-access=allow"));
        args.addAll(List.of(jvmArgs));
        return new OptionsBuilder()
                .include(include)
                .forks(1)
                .jvmArgsAppend(args.toArray(String[]::new))
                .warmupIterations(quick ? 3 : 5).warmupTime(TimeValue.milliseconds(quick ? warmupMillis : 2L * warmupMillis))
                .measurementIterations(quick ? 4 : 10).measurementTime(TimeValue.milliseconds(quick ? 1000 : 2000))
                .verbosity(VerboseMode.SILENT);
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws Exception {
        return new Runner(options.build()).run();
    }

    private static String method(RunResult r) {
        String label = r.getParams().getBenchmark();
        return label.substring(label.lastIndexOf('.') + 1);
    }

    static double heapPerBranch(String variant, int count) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "--enable-preview", "-Xmx8g", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), HeapPerBranch.class.getName(), variant, String.valueOf(count)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        double bytes = Double.NaN;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("heap-per-branch ")) {
                    bytes = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        if (process.waitFor() != 0 || Double.isNaN(bytes)) {
            throw new IllegalStateException("heap measurement of " + variant + " failed");
        }
        return bytes;
    }

    private static void ratio(String name, Double skein, Double other) {
        if (skein == null || other == null) {
            return;
        }
        print("ratio", name, skein / other, null);
    }

    private static void print(String kind, String name, double value, String unit) {
        System.out.println(kind + " " + name + " " + String.format(Locale.ROOT, "%.3f", value) + (unit == null ? "" : " " + unit));
    }
}
