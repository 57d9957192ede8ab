package dev.skein.benchmarks;

import dev.skein.DeadlineExceededException;
import java.time.Duration;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * A scope with a deadline of {@value #DEADLINE_MILLIS} ms forks 10,000 branches that sleep for a minute;
 * the deadline must cancel them all and the owner's join must return. One operation runs from opening
 * the scope to join returning, so (score - {@value #DEADLINE_MILLIS} ms) is how long the scope took to
 * close after its deadline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DeadlineBenchmark {

    static final long DEADLINE_MILLIS = 50;
    static final int BRANCHES = 10_000;
    private static final Duration SLEEP = Duration.ofMinutes(1);

    @Benchmark
    public void skeinScope() throws InterruptedException {
        try (var scope = dev.skein.scope.Scope.open(cfg -> cfg.withTimeout(Duration.ofMillis(DEADLINE_MILLIS)))) {
            for (int i = 0; i < BRANCHES; i++) {
                scope.fork(() -> Thread.sleep(SLEEP));
            }
            try {
                scope.join();
            } catch (DeadlineExceededException expected) {
                // the point of the benchmark
            }
        }
    }

    @Benchmark
    public void jdkStructuredTaskScope() throws InterruptedException {
        try (var scope = StructuredTaskScope.open(StructuredTaskScope.Joiner.awaitAll(),
                cf -> cf.withTimeout(Duration.ofMillis(DEADLINE_MILLIS)))) {
            for (int i = 0; i < BRANCHES; i++) {
                scope.fork(() -> {
                    Thread.sleep(SLEEP);
                    return null;
                });
            }
            try {
                scope.join();
            } catch (StructuredTaskScope.TimeoutException expected) {
                // the point of the benchmark
            }
        }
    }
}
