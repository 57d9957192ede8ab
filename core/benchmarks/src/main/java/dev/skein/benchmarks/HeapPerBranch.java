package dev.skein.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.concurrent.Callable;
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
 *
 * <p>A parked thread's stack holds its frames as they were when it parked: interpreted frames are larger
 * than compiled ones, so a first fan-out, which starts in the interpreter, measures the JIT's progress as
 * much as the code. The first {@value #WARM_UPS} fan-outs are therefore not measured; the median of the
 * next {@value #MEASURED} is printed (each one's figure too, as {@code heap-per-branch-cycle} lines).
 */
public final class HeapPerBranch {

    static final int WARM_UPS = 2;
    static final int MEASURED = 3;

    private HeapPerBranch() {
    }

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        int count = Integer.parseInt(args[1]);
        long[] bytes = new long[MEASURED];
        for (int cycle = 0; cycle < WARM_UPS + MEASURED; cycle++) {
            long perBranch = fanOut(variant, count);
            if (cycle >= WARM_UPS) {
                bytes[cycle - WARM_UPS] = perBranch;
                System.out.println("heap-per-branch-cycle " + variant + " " + perBranch);
            }
        }
        Arrays.sort(bytes);
        System.out.println("heap-per-branch " + variant + " " + bytes[MEASURED / 2]);
    }

    /** {@return the heap per branch of one fan-out of {@code count} parked branches} */
    private static long fanOut(String variant, int count) throws Exception {
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
                        scope.fork((Callable<Object>) body);
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
        return (after[0] - before) / count;
    }

    private record Parker(AtomicInteger parked, CountDownLatch release) implements Runnable, Callable<Object> {
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
