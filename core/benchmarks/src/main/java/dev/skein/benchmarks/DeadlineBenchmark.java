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
        skein();
    }

    @Benchmark
    public void jdkStructuredTaskScope() throws InterruptedException {
        jdk();
    }

    /** Skein: open a scope with the deadline, fork the sleepers, join. {@return nanoseconds from open to join's return} */
    static long skein() throws InterruptedException {
        long start = System.nanoTime();
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
        return System.nanoTime() - start;
    }

    /** The JDK's scope, the same way. {@return nanoseconds from open to join's return} */
    static long jdk() throws InterruptedException {
        long start = System.nanoTime();
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
        return System.nanoTime() - start;
    }

    /**
     * The floor under both: start the same sleepers as plain virtual threads, wait out the deadline, then
     * interrupt them all and join each. {@return nanoseconds from the first interrupt to the last join}
     */
    static long wakeFloor() throws InterruptedException {
        Thread[] threads = new Thread[BRANCHES];
        for (int i = 0; i < BRANCHES; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(SLEEP);
                } catch (InterruptedException expected) {
                    // woken, as a cancelled branch is
                }
            });
        }
        Thread.sleep(DEADLINE_MILLIS); // as long as the scopes wait for their deadline
        long start = System.nanoTime();
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return System.nanoTime() - start;
    }
}
