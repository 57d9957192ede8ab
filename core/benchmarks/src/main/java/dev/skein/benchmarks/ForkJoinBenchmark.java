package dev.skein.benchmarks;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Fork N trivial branches and wait for all of them, five ways. One operation is the whole fan-out; divide
 * the score by N for the cost per branch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ForkJoinBenchmark {

    static final Callable<Integer> TRIVIAL = () -> 1;
    static final Runnable TRIVIAL_RUNNABLE = () -> {
    };

    @Param({"16", "10000"})
    public int branches;

    @Benchmark
    public void skeinScope() throws InterruptedException {
        skein(branches);
    }

    @Benchmark
    public void rawVirtualThreads() throws InterruptedException {
        raw(branches);
    }

    @Benchmark
    public void virtualThreadPerTaskExecutor() throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            @SuppressWarnings("unchecked")
            Future<Integer>[] futures = new Future[branches];
            for (int i = 0; i < branches; i++) {
                futures[i] = executor.submit(TRIVIAL);
            }
            for (Future<Integer> future : futures) {
                future.get();
            }
        }
    }

    @Benchmark
    public void completableFutureOnVirtualThreads() {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<?>[] futures = new CompletableFuture[branches];
            for (int i = 0; i < branches; i++) {
                futures[i] = CompletableFuture.runAsync(TRIVIAL_RUNNABLE, executor);
            }
            CompletableFuture.allOf(futures).join();
        }
    }

    @Benchmark
    public void jdkStructuredTaskScope() throws InterruptedException {
        jdk(branches);
    }

    /** Skein: fork {@code n} trivial branches into a scope and join them. */
    static void skein(int n) throws InterruptedException {
        try (var scope = dev.skein.scope.Scope.open()) {
            for (int i = 0; i < n; i++) {
                scope.fork(TRIVIAL);
            }
            scope.join();
        }
    }

    /** The floor: start {@code n} virtual threads and join each. */
    static void raw(int n) throws InterruptedException {
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            threads[i] = Thread.ofVirtual().start(TRIVIAL_RUNNABLE);
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** The JDK's {@code StructuredTaskScope} (a preview API of JDK 25), with its default joiner. */
    static void jdk(int n) throws InterruptedException {
        try (var scope = StructuredTaskScope.open()) {
            for (int i = 0; i < n; i++) {
                scope.fork(TRIVIAL);
            }
            scope.join();
        }
    }
}
