package dev.skein.quarkus.benchmarks;

import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.benchmarks.Diamond.Sum;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link HandleBenchmark} inside the started application and prints
 * {@code ratio annotated-graph-handle-vs-hand-built <x>}: the median of the handle's times per run over
 * the median of the hand-built graph's, measured interleaved in rounds. JMH cannot fork a Quarkus
 * application, so {@code run.sh} starts the application several times (each a "fork"), alternating which
 * variant goes first, and reports the median and spread. Arguments: {@code [rounds] [seconds per
 * measurement] [handle-first|hand-first]}.
 */
@QuarkusMain
public class BenchmarkMain implements QuarkusApplication {

    @Inject
    SkeinGraph<Integer, Sum> annotated;

    @Inject
    Diamond bean;

    @Override
    public int run(String... args) throws Exception {
        Graphs.annotated = annotated;
        Graphs.byHand = Graphs.byHand(bean);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        boolean handleFirst = args.length < 3 || args[2].equals("handle-first");
        // interleaved: a round measures each variant once, the order alternating, so both see the same
        // JIT and the same noise; the first round (both variants) only warms up
        Map<String, List<Double>> scores = new HashMap<>();
        for (int round = 0; round <= rounds; round++) {
            boolean handleNow = handleFirst == (round % 2 == 0);
            for (String method : handleNow ? new String[] {"annotatedThroughHandle", "builtByHand"}
                    : new String[] {"builtByHand", "annotatedThroughHandle"}) {
                Options options = new OptionsBuilder()
                        .include(HandleBenchmark.class.getName() + "." + method + "$")
                        .forks(0)
                        .warmupIterations(round == 0 ? 3 : 1).warmupTime(TimeValue.seconds(seconds))
                        .measurementIterations(1).measurementTime(TimeValue.seconds(seconds))
                        .build();
                Collection<RunResult> results = new Runner(options).run();
                if (round > 0) {
                    for (RunResult result : results) {
                        scores.computeIfAbsent(method, m -> new ArrayList<>()).add(result.getPrimaryResult().getScore());
                    }
                }
            }
        }
        double handle = median(scores.get("annotatedThroughHandle"));
        double hand = median(scores.get("builtByHand"));
        System.out.printf("result annotated-graph-handle %.3f us/run%n", handle);
        System.out.printf("result annotated-graph-hand-built %.3f us/run%n", hand);
        System.out.printf("ratio annotated-graph-handle-vs-hand-built %.3f%n", handle / hand);
        return 0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
