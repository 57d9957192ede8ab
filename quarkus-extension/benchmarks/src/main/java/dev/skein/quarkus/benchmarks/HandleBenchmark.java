package dev.skein.quarkus.benchmarks;

import dev.skein.quarkus.benchmarks.Diamond.Sum;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** One run of the diamond: through the injected handle, and built by hand. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandleBenchmark {

    @Benchmark
    public Sum annotatedThroughHandle() throws InterruptedException {
        return Graphs.annotated.run(1);
    }

    @Benchmark
    public Sum builtByHand() throws InterruptedException {
        return Graphs.byHand.run(1).get(Graphs.SUM);
    }
}
