package dev.skein.policy;

import dev.skein.internal.Threads;
import io.smallrye.faulttolerance.api.Guard;
import java.time.temporal.ChronoUnit;
import io.smallrye.faulttolerance.standalone.Configuration;
import io.smallrye.faulttolerance.standalone.StandaloneFaultTolerance;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Keeps SmallRye Fault Tolerance (standalone) from holding a JVM open. Its timer thread starts on the
 * first guarded call and inherits that caller's daemon status, so Skein makes the first call from a
 * virtual thread (always a daemon); and its executor gets virtual threads. Inside Quarkus, or when the
 * application configured or used SmallRye first, this changes nothing. (Not in a static initializer:
 * the thread would wait for the class being initialized.)
 */
final class DaemonTimer {

    private static volatile boolean started;

    private DaemonTimer() {
    }

    static void ensureStarted() {
        if (started) {
            return;
        }
        synchronized (DaemonTimer.class) {
            if (!started) {
                useVirtualThreads();
                Threads.joinUninterruptibly(Thread.ofVirtual().name("skein-policy-timer-start")
                        .start(DaemonTimer::firstGuardedCall));
                started = true;
            }
        }
    }

    /**
     * SmallRye's default executor (which runs timeouts and breaker transitions) makes non-daemon threads
     * that would hold a JVM for their minute of idle life: give it virtual threads instead, unless the
     * application configured SmallRye first.
     */
    private static void useVirtualThreads() {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            StandaloneFaultTolerance.configure(new Configuration() {
                @Override
                public ExecutorService executor() {
                    return executor;
                }

                @Override
                public void onShutdown() {
                    executor.shutdownNow();
                }
            });
        } catch (IllegalStateException alreadyConfigured) {
            executor.close();
        }
    }

    private static void firstGuardedCall() {
        try {
            Guard.create().withDescription("skein timer start").withTimeout().duration(1, ChronoUnit.MINUTES).done()
                    .build().call(() -> null, Object.class);
        } catch (Exception e) {
            System.getLogger("dev.skein").log(System.Logger.Level.DEBUG, "starting SmallRye's timer failed", e);
        }
    }
}
