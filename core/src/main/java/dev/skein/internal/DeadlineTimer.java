package dev.skein.internal;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

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
 *
 * <p>The walk that then interrupts the scope's running branches runs elsewhere, so that no walk (an interrupt
 * may close a channel, on the interrupting thread) delays another scope's deadline: on a platform thread of
 * {@link #walk}'s own, idle ones kept for ten seconds. On a virtual thread, the walk would hold a carrier
 * until it has interrupted the last branch, while the branches it wakes wait for carriers to end on (two
 * here); the JDK's {@code StructuredTaskScope} interrupts from a platform thread too (the common pool's).
 * Measured with 10,000 sleeping branches, in forks alternating with the virtual walker: closing after the
 * deadline took 3 to 7 % less (two runs of four and five forks each; relative to the JDK's scope, 1.14 became
 * 1.11 by the median).
 *
 * <p>The timer's thread is woken whenever a new deadline becomes the earliest in its queue; in a service whose
 * scopes end well before their deadlines, that is nearly every scope (the queue is empty in between), and the
 * wake-up costs more process CPU than the scope itself. So while deadlines are being set, a heartbeat stays in
 * the queue, at most {@link #HEARTBEAT_NANOS} away: a deadline further off than that is queued without waking
 * the thread. Deadlines still fire each on its own, as before; the heartbeat stops once no deadline was set for
 * {@link #IDLE_NANOS}, and the thread ends ten seconds after that.
 */
final class DeadlineTimer {

    /** The heartbeat's period: deadlines further off than this never wake the timer's thread when set. */
    private static final long HEARTBEAT_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** The heartbeat stops when no deadline was set for this long. */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** When a deadline was last set, to a millisecond or so (written only when older: one shared field). */
    private static volatile long lastSetNanos = System.nanoTime() - IDLE_NANOS; // nanoTime's origin is arbitrary
    private static final AtomicBoolean BEATING = new AtomicBoolean();

    private static final ScheduledThreadPoolExecutor TIMER = create();
    /** At most this many walks at once on platform threads; more start virtual threads of their own. */
    private static final int PLATFORM_WALKERS = Math.max(2, Runtime.getRuntime().availableProcessors());
    private static final ThreadPoolExecutor WALKERS = new ThreadPoolExecutor(0, PLATFORM_WALKERS, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> Thread.ofPlatform().daemon().name("skein-cancel").unstarted(task));

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
        long now = System.nanoTime();
        if (now - lastSetNanos > 1_000_000) {
            lastSetNanos = now;
        }
        if (!BEATING.get() && BEATING.compareAndSet(false, true)) {
            beatLater();
        }
        return TIMER.schedule(scope::deadlineFiredByTimer, deadlineNanos - now, TimeUnit.NANOSECONDS);
    }

    private static void beatLater() {
        try {
            TIMER.schedule(DeadlineTimer::beat, HEARTBEAT_NANOS, TimeUnit.NANOSECONDS);
        } catch (Throwable cannot) { // no heartbeat: deadlines still fire, each setting wakes the thread as before
            BEATING.set(false);
        }
    }

    /**
     * On the timer's thread: queues the next beat while deadlines are being set. A deadline set while it stops is
     * only a lost optimisation (its setting may wake the thread), and the next one starts the heartbeat again.
     */
    private static void beat() {
        if (System.nanoTime() - lastSetNanos < IDLE_NANOS) {
            beatLater();
            return;
        }
        BEATING.set(false);
        if (System.nanoTime() - lastSetNanos < IDLE_NANOS && BEATING.compareAndSet(false, true)) {
            beatLater(); // a deadline was set meanwhile
        }
    }

    /**
     * Starts a cancellation's walk (see the class comment): on an idle or new platform walker, or, when every
     * walker is busy (a storm of deadlines), on a virtual thread of its own; on the calling thread if no thread
     * can be had at all.
     */
    static void walk(Runnable walk) {
        try {
            WALKERS.execute(walk);
            return;
        } catch (RejectedExecutionException allBusy) {
            // below
        } catch (Throwable cannotStart) { // no platform thread to be had (out of memory, say): try a virtual one
            // below
        }
        try {
            Thread.ofVirtual().name("skein-cancel").start(walk);
        } catch (Throwable cannotStart) { // no thread at all: the walk must still happen
            walk.run();
        }
    }
}
