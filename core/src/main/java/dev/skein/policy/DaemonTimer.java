package dev.skein.policy;

import dev.skein.internal.Threads;
import io.smallrye.faulttolerance.api.Guard;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * SmallRye Fault Tolerance (standalone) starts its timer thread on the first guarded call, and the thread
 * inherits that caller's daemon status: started from a plain {@code main} it keeps the JVM alive. Skein
 * makes the first call from a virtual thread (always a daemon), so the timer, and the pool threads it
 * starts, are daemons too. Inside Quarkus, or when the application made a guarded call first, this
 * changes nothing. (Not in a static initializer: the thread would wait for the class being initialized.)
 */
final class DaemonTimer {

    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private DaemonTimer() {
    }

    static void ensureStarted() {
        if (STARTED.get() || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Threads.joinUninterruptibly(Thread.ofVirtual().name("skein-policy-timer-start").start(DaemonTimer::firstGuardedCall));
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
