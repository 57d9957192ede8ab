package dev.skein.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.StructuredTaskScope;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Heap held per parked branch: forks {@code count} branches that all wait on one latch, measures the used
 * heap after full GCs against the same measure before forking, then releases them. Run one variant per
 * JVM ({@link BenchmarkMain} does), as {@code HeapPerBranch <skein|raw|jdk> <count>}; prints
 * {@code heap-per-branch <variant> <bytes>}. The stacks of parked virtual threads live in the heap, so
 * they are counted.
 */
public final class HeapPerBranch {

    private HeapPerBranch() {
    }

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        int count = Integer.parseInt(args[1]);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger parked = new AtomicInteger();
        long before = usedHeapAfterGc();
        long[] after = new long[1];
        Runnable measureWhenAllParked = () -> {
            while (parked.get() < count) {
                LockSupport.parkNanos(1_000_000);
            }
            after[0] = usedHeapAfterGc();
            release.countDown();
        };
        // one body object that every API takes as it is (Runnable for the JDK, Callable for Skein), so
        // that no adapter lambda adds a frame to one variant's parked stacks
        Parker body = new Parker(parked, release);
        switch (variant) {
            case "skein" -> {
                try (var scope = dev.skein.scope.Scope.open()) {
                    for (int i = 0; i < count; i++) {
                        scope.fork((java.util.concurrent.Callable<Object>) body);
                    }
                    measureWhenAllParked.run();
                    scope.join();
                }
            }
            case "raw" -> {
                Thread[] threads = new Thread[count];
                for (int i = 0; i < count; i++) {
                    threads[i] = Thread.ofVirtual().start(body);
                }
                measureWhenAllParked.run();
                for (Thread thread : threads) {
                    thread.join();
                }
            }
            case "jdk" -> {
                try (var scope = StructuredTaskScope.open()) {
                    for (int i = 0; i < count; i++) {
                        scope.fork((Runnable) body);
                    }
                    measureWhenAllParked.run();
                    scope.join();
                }
            }
            default -> throw new IllegalArgumentException("variant must be skein, raw or jdk, was " + variant);
        }
        System.out.println("heap-per-branch " + variant + " " + (after[0] - before) / count);
    }

    private record Parker(AtomicInteger parked, CountDownLatch release) implements Runnable, java.util.concurrent.Callable<Object> {
        @Override
        public void run() {
            parked.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public Object call() {
            run();
            return null;
        }
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
