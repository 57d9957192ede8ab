package dev.skein.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fires scope deadlines. One daemon <em>platform</em> thread, shared by all scopes, started on demand and
 * gone after ten idle seconds; it never runs a branch, only the cancellation of a scope whose deadline
 * passed.
 *
 * <p>Why not a virtual thread per deadline: virtual threads are not preempted. When CPU-bound branches
 * occupy every carrier thread (two here), a virtual watchdog whose sleep has ended cannot be scheduled,
 * and the deadline never fires, although those very branches poll {@code isCancelled()} and would stop
 * at once. The randomised scope-tree test found exactly that hang. A platform timer thread is scheduled
 * by the OS and sets the cancellation regardless.
 */
final class DeadlineTimer {

    private static final ScheduledThreadPoolExecutor TIMER = create();

    private DeadlineTimer() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                task -> Thread.ofPlatform().daemon().name("skein-deadline-timer").unstarted(task));
        timer.setRemoveOnCancelPolicy(true); // a closed scope's deadline leaves the queue at once
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    static ScheduledFuture<?> schedule(ScopeCore scope, long deadlineNanos) {
        return TIMER.schedule(scope::deadlineFiredByTimer, deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }
}
