package dev.skein.benchmarks;

import dev.skein.telemetry.SkeinTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The verdict mode's benchmarks ({@code core/benchmarks/run.sh --verdict}, see {@link Verdict}). Each invocation
 * runs Skein and what it is compared with one after the other, in an order that rotates from one invocation to
 * the next, and adds the time of each to its own counter: inside a fork every variant sees the same noise, and
 * none always runs first or after the same other. JMH's own score (a whole invocation) is not used; {@link Verdict}
 * reads the counters of each measurement iteration.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VerdictBenchmark {

    /** How many trivial branches a fork-and-join fans out to. */
    @State(Scope.Benchmark)
    public static class Width {
        @Param({"16", "10000"})
        public int branches;
    }

    /** Nanoseconds per variant of fork and join, summed over an iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class ForkJoinNanos {
        public long skein;
        public long raw;
        public long jdk;
        int turn;

        @Setup(Level.Iteration)
        public void reset() {
            skein = 0;
            raw = 0;
            jdk = 0;
        }
    }

    /** Fork and join: Skein's scope, raw virtual threads, the JDK's scope. */
    @Benchmark
    public void forkJoin(Width width, ForkJoinNanos nanos) throws InterruptedException {
        int n = width.branches;
        int first = nanos.turn++ % 3;
        for (int k = 0; k < 3; k++) {
            long start = System.nanoTime();
            switch ((first + k) % 3) {
                case 0 -> {
                    ForkJoinBenchmark.skein(n);
                    nanos.skein += System.nanoTime() - start;
                }
                case 1 -> {
                    ForkJoinBenchmark.raw(n);
                    nanos.raw += System.nanoTime() - start;
                }
                default -> {
                    ForkJoinBenchmark.jdk(n);
                    nanos.jdk += System.nanoTime() - start;
                }
            }
        }
    }

    /** An OpenTelemetry SDK that records every span and drops it at export. */
    @State(Scope.Benchmark)
    public static class Sdk {
        OpenTelemetrySdk sdk;
        Tracer tracer;

        @Setup
        public void build() {
            sdk = TelemetryBenchmark.droppingSdk();
            tracer = sdk.getTracer("hand-made");
        }

        @TearDown
        public void close() {
            SkeinTelemetry.uninstall();
            sdk.close();
        }
    }

    /** Nanoseconds per variant of the telemetry comparison, summed over an iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class TelemetryNanos {
        public long skeinNoop;
        public long skeinSdk;
        public long raw;
        public long handMade;
        int turn;

        @Setup(Level.Iteration)
        public void reset() {
            skeinNoop = 0;
            skeinSdk = 0;
            raw = 0;
            handMade = 0;
        }
    }

    /**
     * 10,000 branches four ways: Skein with no tracer (the no-op API) and with the SDK's, raw virtual threads,
     * and raw virtual threads with the same spans made by hand with the same SDK. Installing or removing Skein's
     * tracer happens outside the timed part.
     */
    @Benchmark
    public void telemetry(Sdk sdk, TelemetryNanos nanos) throws InterruptedException {
        int n = 10_000;
        int first = nanos.turn++ % 4;
        for (int k = 0; k < 4; k++) {
            switch ((first + k) % 4) {
                case 0 -> {
                    SkeinTelemetry.uninstall();
                    long start = System.nanoTime();
                    ForkJoinBenchmark.skein(n);
                    nanos.skeinNoop += System.nanoTime() - start;
                }
                case 1 -> {
                    SkeinTelemetry.install(sdk.sdk);
                    long start = System.nanoTime();
                    ForkJoinBenchmark.skein(n);
                    nanos.skeinSdk += System.nanoTime() - start;
                }
                case 2 -> {
                    long start = System.nanoTime();
                    ForkJoinBenchmark.raw(n);
                    nanos.raw += System.nanoTime() - start;
                }
                default -> {
                    long start = System.nanoTime();
                    TelemetryBenchmark.handMadeSpans(n, sdk.tracer);
                    nanos.handMade += System.nanoTime() - start;
                }
            }
        }
        SkeinTelemetry.uninstall();
    }

    /** Nanoseconds each variant took to close after the deadline, summed over an iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class DeadlineNanos {
        public long skein;
        public long jdk;
        public long floor;
        public long rounds;
        int turn;

        @Setup(Level.Iteration)
        public void reset() {
            skein = 0;
            jdk = 0;
            floor = 0;
            rounds = 0;
        }
    }

    /**
     * Closing after a deadline (see {@link DeadlineBenchmark}): Skein's scope and the JDK's, each from the deadline
     * to join's return, and the floor under both, waking as many sleeping virtual threads and joining them.
     */
    @Benchmark
    public void deadline(DeadlineNanos nanos) throws InterruptedException {
        long deadline = TimeUnit.MILLISECONDS.toNanos(DeadlineBenchmark.DEADLINE_MILLIS);
        int first = nanos.turn++ % 3;
        for (int k = 0; k < 3; k++) {
            switch ((first + k) % 3) {
                case 0 -> nanos.skein += DeadlineBenchmark.skein() - deadline;
                case 1 -> nanos.jdk += DeadlineBenchmark.jdk() - deadline;
                default -> nanos.floor += DeadlineBenchmark.wakeFloor();
            }
        }
        nanos.rounds++;
    }

    /** Nanoseconds per variant of the graph comparison, summed over an iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class GraphNanos {
        public long randomDag;
        public long bareForks;
        public long wide;
        public long rounds;
        int turn;

        @Setup(Level.Iteration)
        public void reset() {
            randomDag = 0;
            bareForks = 0;
            wide = 0;
            rounds = 0;
        }
    }

    /** Task graphs (see {@link GraphBenchmark}): the random DAG, as many bare forks, the wide graph of sleepers. */
    @Benchmark
    public Object graphs(GraphBenchmark graphs, GraphNanos nanos) throws InterruptedException {
        Object last = null;
        int first = nanos.turn++ % 3;
        for (int k = 0; k < 3; k++) {
            long start = System.nanoTime();
            switch ((first + k) % 3) {
                case 0 -> {
                    last = graphs.randomDag();
                    nanos.randomDag += System.nanoTime() - start;
                }
                case 1 -> {
                    graphs.bareForks();
                    nanos.bareForks += System.nanoTime() - start;
                }
                default -> {
                    last = graphs.wideSleepingGraph();
                    nanos.wide += System.nanoTime() - start;
                }
            }
        }
        nanos.rounds++;
        return last;
    }

    /** Calls per variant in one timed batch of the policy comparison: one call is too short to time alone. */
    static final int POLICY_BATCH = 1_000;

    /** Nanoseconds per variant of the policy comparison, summed over an iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class PolicyNanos {
        public long skein;
        public long guard;
        public long skeinNamed;
        public long guardNamed;
        int turn;

        @Setup(Level.Iteration)
        public void reset() {
            skein = 0;
            guard = 0;
            skeinNamed = 0;
            guardNamed = 0;
        }
    }

    /**
     * Policies (see {@link PolicyBenchmark}): a breaker and a rate limiter through Skein's policy and through
     * SmallRye's guard directly, unnamed and named, {@value #POLICY_BATCH} calls per variant and turn.
     */
    @Benchmark
    public int policies(PolicyBenchmark policies, PolicyNanos nanos) throws Exception {
        int sum = 0;
        int first = nanos.turn++ % 4;
        for (int k = 0; k < 4; k++) {
            int variant = (first + k) % 4;
            long start = System.nanoTime();
            for (int i = 0; i < POLICY_BATCH; i++) {
                sum += switch (variant) {
                    case 0 -> policies.skeinPolicy();
                    case 1 -> policies.smallRyeGuardDirectly();
                    case 2 -> policies.skeinNamedPolicy();
                    default -> policies.smallRyeNamedGuardDirectly();
                };
            }
            long took = System.nanoTime() - start;
            switch (variant) {
                case 0 -> nanos.skein += took;
                case 1 -> nanos.guard += took;
                case 2 -> nanos.skeinNamed += took;
                default -> nanos.guardNamed += took;
            }
        }
        return sum;
    }
}
