package dev.skein.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The verdict mode ({@code core/benchmarks/run.sh --verdict}): every comparison with a target, measured in several
 * rounds. A round runs each group of {@link VerdictBenchmark} in a JVM fork of its own (Skein and its baselines
 * interleaved inside it) and measures the heap per parked branch of each variant once, each in its own JVM; it
 * gives one value per comparison. Over the rounds each comparison gets its median and inter-quartile range, and
 * a verdict: {@code PASS} when the upper quartile (or, where the target says so, the median) meets the target.
 * Prints a {@code round} line per comparison and round as it goes, then a {@code verdict} and a {@code ratio} line
 * per comparison.
 */
final class Verdict {

    /** What a comparison's value must meet. */
    private enum By {
        UPPER_QUARTILE("the upper quartile"), MEDIAN("the median"), NONE("");

        final String words;

        By(String words) {
            this.words = words;
        }
    }

    /** A comparison: its name, its target (at most), which statistic must meet it, the unit of its values. */
    private record Check(String name, double target, By by, String unit) {
        static Check of(String name, double target, By by) {
            return new Check(name, target, by, "");
        }

        static Check info(String name, String unit) {
            return new Check(name, Double.NaN, By.NONE, unit);
        }
    }

    private static final String JVM_MEMORY = "-Xmx4g";
    private static final int HEAP_BRANCHES = 200_000;
    /** Fewer rounds than this give no verdict: their quartiles say too little. */
    static final int MIN_ROUNDS = 5;

    /** The groups of comparisons, in the order a round runs them; {@code --only} picks some. */
    static final List<String> GROUPS = List.of("fork-join", "telemetry", "deadline", "graphs", "policies", "heap");

    private final int rounds;
    private final Set<String> groups;
    private final Map<Check, List<Double>> values = new LinkedHashMap<>();

    private Verdict(int rounds, Set<String> groups) {
        this.rounds = rounds;
        this.groups = groups;
    }

    /**
     * Runs {@code rounds} rounds of the comparisons in {@code groups} (some of {@link #GROUPS}), then prints the
     * verdicts (or, with fewer than {@value #MIN_ROUNDS} rounds, the medians).
     */
    static void run(int rounds, Set<String> groups) throws Exception {
        new Verdict(rounds, groups).runAll();
    }

    private void runAll() throws Exception {
        long start = System.nanoTime();
        for (int round = 1; round <= rounds; round++) {
            forkJoinChecks(round);
            if (groups.contains("telemetry")) {
                telemetry(round);
            }
            if (groups.contains("deadline")) {
                deadline(round);
            }
            if (groups.contains("graphs")) {
                graphs(round);
            }
            if (groups.contains("policies")) {
                policies(round);
            }
            if (groups.contains("heap")) {
                heap(round);
            }
            System.out.printf(Locale.ROOT, "# round %d of %d done after %.1f min%n", round, rounds,
                    (System.nanoTime() - start) / 60e9);
        }
        System.out.println();
        if (rounds < MIN_ROUNDS) {
            System.out.println("# " + rounds + " round(s): too few for a verdict (it takes " + MIN_ROUNDS + "); medians only");
        }
        for (Map.Entry<Check, List<Double>> entry : values.entrySet()) {
            print(entry.getKey(), entry.getValue(), rounds >= MIN_ROUNDS);
        }
        System.out.println();
        for (Map.Entry<Check, List<Double>> entry : values.entrySet()) {
            if (entry.getKey().unit().isEmpty()) { // a ratio, not a figure in ns, ms or bytes
                System.out.println("ratio " + entry.getKey().name() + " " + format(quartiles(entry.getValue())[1]));
            }
        }
    }

    private void forkJoinChecks(int round) throws Exception {
        if (!groups.contains("fork-join")) {
            return;
        }
        boolean telemetryOffFirst = round % 2 == 0;
        Map<String, Double> on;
        Map<String, Double> off;
        if (telemetryOffFirst) {
            off = forkJoin(round, true);
            on = forkJoin(round, false);
        } else {
            on = forkJoin(round, false);
            off = forkJoin(round, true);
        }
        add(round, Check.of("fork-join-10000-vs-raw-virtual-threads", 1.2, By.UPPER_QUARTILE),
                on.get("skein-10000") / on.get("raw-10000"));
        add(round, Check.of("fork-join-16-vs-raw-virtual-threads", 1.2, By.UPPER_QUARTILE),
                on.get("skein-16") / on.get("raw-16"));
        add(round, Check.of("fork-join-10000-vs-jdk-scope", 1.0, By.UPPER_QUARTILE),
                on.get("skein-10000") / on.get("jdk-10000"));
        add(round, Check.info("fork-join-16-vs-jdk-scope", ""), on.get("skein-16") / on.get("jdk-16"));
        add(round, Check.info("fork-join-10000-skein-ns-per-branch", "ns"), on.get("skein-10000-ns"));
        add(round, Check.info("fork-join-10000-raw-ns-per-branch", "ns"), on.get("raw-10000-ns"));
        // the no-op API against no telemetry code at all: two JVMs, each ratio taken against raw threads in
        // its own JVM, so that a difference in speed between the two JVMs cancels out
        add(round, Check.of("telemetry-noop-vs-no-telemetry-code-10000", 1.05, By.UPPER_QUARTILE),
                (on.get("skein-10000") / on.get("raw-10000")) / (off.get("skein-10000") / off.get("raw-10000")));
    }

    /** Fork and join at 16 and 10,000 branches, with Skein's telemetry code path in or (with {@code off}) out. */
    private Map<String, Double> forkJoin(int round, boolean off) throws Exception {
        List<String> jvm = new ArrayList<>(List.of("--enable-preview", JVM_MEMORY));
        if (off) {
            jvm.add("-Dskein.telemetry=off");
        }
        // eight measurements, not five: the no-op telemetry ratio divides ratios of two JVMs, and needs them steady
        ChainedOptionsBuilder options = options("forkJoin", 3, 8, jvm);
        if (off) {
            options.param("branches", "10000");
        }
        Map<String, Double> sums = new LinkedHashMap<>();
        for (RunResult result : run(options)) {
            String n = result.getParams().getParam("branches");
            for (String variant : List.of("skein", "raw", "jdk")) {
                double total = sum(result, variant);
                sums.put(variant + "-" + n, total);
            }
            double invocations = invocations(result);
            sums.put("skein-" + n + "-ns", sums.get("skein-" + n) / invocations / Integer.parseInt(n));
            sums.put("raw-" + n + "-ns", sums.get("raw-" + n) / invocations / Integer.parseInt(n));
        }
        System.out.printf(Locale.ROOT, "# round %d: fork-join%s done%n", round, off ? " (telemetry code off)" : "");
        return sums;
    }

    private void telemetry(int round) throws Exception {
        RunResult result = single(run(options("telemetry", 3, 5, List.of(JVM_MEMORY))));
        double skeinSdk = sum(result, "skeinSdk");
        double skeinNoop = sum(result, "skeinNoop");
        double raw = sum(result, "raw");
        double handMade = sum(result, "handMade");
        double branches = invocations(result) * 10_000;
        // judged: the whole fan-out with Skein's spans against the same fan-out and spans by hand. The ratio of
        // what each adds is shown, not judged: on two cores raw threads end their short bodies in the second
        // core's idle time, which Skein's own per-branch work already uses, so that difference charges part of
        // Skein's fork to its spans (docs/benchmarks.md, "Telemetry")
        add(round, Check.of("telemetry-sdk-vs-hand-made-spans-10000", 1.2, By.UPPER_QUARTILE), skeinSdk / handMade);
        add(round, Check.info("telemetry-sdk-added-vs-hand-made-spans-added-10000", ""),
                (skeinSdk - skeinNoop) / (handMade - raw));
        add(round, Check.info("telemetry-sdk-added-ns-per-branch", "ns"), (skeinSdk - skeinNoop) / branches);
        add(round, Check.info("hand-made-spans-added-ns-per-branch", "ns"), (handMade - raw) / branches);
    }

    private void deadline(int round) throws Exception {
        RunResult result = single(run(options("deadline", 2, 5, List.of("--enable-preview", JVM_MEMORY))
                .measurementTime(TimeValue.seconds(2))));
        double closes = sum(result, "rounds");
        double skein = sum(result, "skein");
        double jdk = sum(result, "jdk");
        double floor = sum(result, "floor");
        add(round, Check.of("close-after-deadline-10000-vs-jdk-scope", 1.0, By.MEDIAN), skein / jdk);
        add(round, Check.info("close-after-deadline-10000-skein-ms", "ms"), skein / closes / 1e6);
        add(round, Check.info("close-after-deadline-10000-jdk-scope-ms", "ms"), jdk / closes / 1e6);
        add(round, Check.info("wake-and-join-10000-sleeping-virtual-threads-ms", "ms"), floor / closes / 1e6);
    }

    private void graphs(int round) throws Exception {
        RunResult result = single(run(options("graphs", 3, 5, List.of(JVM_MEMORY))));
        double runs = sum(result, "rounds");
        double dag = sum(result, "randomDag");
        double bare = sum(result, "bareForks");
        double wide = sum(result, "wide");
        add(round, new Check("graph-scheduling-overhead-per-task", 2.0, By.UPPER_QUARTILE, "us"),
                (dag - bare) / runs / GraphBenchmark.TASKS / 1000.0);
        add(round, Check.of("graph-wide-" + GraphBenchmark.WIDE_TASKS + "-vs-critical-path", 1.5, By.UPPER_QUARTILE),
                wide / runs / GraphBenchmark.WIDE_TASK_TIME.toNanos());
        add(round, Check.info("graph-random-dag-vs-bare-forks-" + GraphBenchmark.TASKS, ""), dag / bare);
    }

    private void policies(int round) throws Exception {
        RunResult result = single(run(options("policies", 3, 5, List.of())));
        add(round, Check.of("policy-vs-smallrye-guard-directly", 1.1, By.UPPER_QUARTILE),
                sum(result, "skein") / sum(result, "guard"));
        add(round, Check.of("named-policy-vs-smallrye-named-guard-directly", 1.1, By.UPPER_QUARTILE),
                sum(result, "skeinNamed") / sum(result, "guardNamed"));
    }

    /** One measurement of each variant, each in its own JVM, in an order that rotates with the round. */
    private void heap(int round) throws Exception {
        List<String> variants = List.of("skein", "raw", "jdk");
        Map<String, Double> bytes = new LinkedHashMap<>();
        for (int k = 0; k < variants.size(); k++) {
            String variant = variants.get((round + k) % variants.size());
            bytes.put(variant, BenchmarkMain.heapPerBranch(variant, HEAP_BRANCHES));
        }
        add(round, Check.of("heap-per-parked-branch-vs-raw-virtual-threads", 1.1, By.UPPER_QUARTILE),
                bytes.get("skein") / bytes.get("raw"));
        add(round, Check.of("heap-per-parked-branch-vs-jdk-scope", 1.0, By.UPPER_QUARTILE),
                bytes.get("skein") / bytes.get("jdk"));
        add(round, Check.info("heap-per-parked-branch-skein-bytes", "B"), bytes.get("skein"));
        add(round, Check.info("heap-per-parked-branch-raw-bytes", "B"), bytes.get("raw"));
        add(round, Check.info("heap-per-parked-branch-jdk-scope-bytes", "B"), bytes.get("jdk"));
    }

    private void add(int round, Check check, double value) {
        values.computeIfAbsent(check, c -> new ArrayList<>()).add(value);
        System.out.println("round " + round + " " + check.name() + " " + format(value)
                + (check.unit().isEmpty() ? "" : " " + check.unit()));
    }

    private static void print(Check check, List<Double> forks, boolean judge) {
        double[] q = quartiles(forks);
        StringBuilder line = new StringBuilder(check.by() == By.NONE || !judge ? "measured " : "verdict ")
                .append(check.name()).append(" median ").append(format(q[1]))
                .append(" IQR ").append(format(q[0])).append("-").append(format(q[2]));
        if (!check.unit().isEmpty()) {
            line.append(' ').append(check.unit());
        }
        if (check.by() != By.NONE && judge) {
            double judged = check.by() == By.MEDIAN ? q[1] : q[2];
            line.append(" target <= ").append(format(check.target())).append(" by ").append(check.by().words)
                    .append(judged <= check.target() ? " PASS" : " FAIL");
        }
        line.append(" (").append(forks.size()).append(" rounds: ")
                .append(String.join(", ", forks.stream().map(Verdict::format).toList())).append(')');
        System.out.println(line);
    }

    /** {@return the lower quartile, median and upper quartile of {@code sample}, interpolating between ranks} */
    static double[] quartiles(List<Double> sample) {
        double[] sorted = sample.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] {quantile(sorted, 0.25), quantile(sorted, 0.5), quantile(sorted, 0.75)};
    }

    private static double quantile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = p * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    /** {@return the counter's total over the fork's measurement iterations} */
    private static double sum(RunResult result, String counter) {
        return total(result, iteration -> {
            var value = iteration.getSecondaryResults().get(counter);
            if (value == null) {
                throw new IllegalStateException("no counter '" + counter + "' in " + result.getParams().getBenchmark()
                        + "; it has " + iteration.getSecondaryResults().keySet());
            }
            return value.getScore();
        });
    }

    /** {@return how many invocations the fork's measurement iterations made} */
    private static double invocations(RunResult result) {
        return total(result, iteration -> iteration.getMetadata().getMeasuredOps());
    }

    private static double total(RunResult result, ToDoubleFunction<IterationResult> perIteration) {
        double total = 0;
        for (BenchmarkResult fork : result.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                total += perIteration.applyAsDouble(iteration);
            }
        }
        return total;
    }

    private static RunResult single(Collection<RunResult> results) {
        if (results.size() != 1) {
            throw new IllegalStateException("expected one result, got " + results.size());
        }
        return results.iterator().next();
    }

    private static ChainedOptionsBuilder options(String benchmark, int warmups, int measurements, List<String> jvm) {
        List<String> args = new ArrayList<>(List.of("--sun-misc-unsafe-memory-access=allow"));
        args.addAll(jvm);
        return new OptionsBuilder()
                .include(VerdictBenchmark.class.getName() + "\\." + benchmark + "$")
                .forks(1)
                .jvmArgsAppend(args.toArray(String[]::new))
                .warmupIterations(warmups).warmupTime(TimeValue.seconds(1))
                .measurementIterations(measurements).measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
    }

    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws Exception {
        return new Runner(options.build()).run();
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
