package dev.skein.quarkus.test.scope;

import dev.skein.quarkus.SkeinScope;
import dev.skein.quarkus.SkeinScopes;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Methods that fork work beside themselves into their own scope. */
@ApplicationScoped
public class SideWorkService {

    private final List<String> trail = new CopyOnWriteArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(1);
    private volatile Thread methodThread;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    public List<String> trail() {
        return List.copyOf(trail);
    }

    public void reset() {
        trail.clear();
        gate = new CountDownLatch(1);
        running.set(0);
        started.set(0);
        mostAtOnce.set(0);
        methodThread = null;
    }

    public Thread methodThread() {
        return methodThread;
    }

    public int started() {
        return started.get();
    }

    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    public void openGate() {
        gate.countDown();
    }

    /** Waits for ever unless cancelled; the audit beside it fails. */
    @SkeinScope
    public String failFast() throws InterruptedException {
        forkFailingAudit(SkeinScopes.current());
        try {
            never.await();
            return "not cancelled";
        } catch (InterruptedException e) {
            trail.add("method cancelled");
            throw e;
        }
    }

    /** Returns once the audit beside it has failed: nothing cancels it. */
    @SkeinScope(kind = SkeinScope.Kind.SUPERVISOR)
    public String supervised() throws InterruptedException {
        CountDownLatch auditEnded = forkFailingAudit(SkeinScopes.current());
        auditEnded.await();
        trail.add("method returned");
        return "done";
    }

    private CountDownLatch forkFailingAudit(Scope scope) {
        CountDownLatch ended = new CountDownLatch(1);
        scope.fork("audit", () -> {
            try {
                throw new IllegalStateException("audit down");
            } finally {
                ended.countDown();
            }
        });
        return ended;
    }

    /** Forks {@code count} branches beside itself, each held at the gate. */
    @SkeinScope(maxConcurrency = 2)
    public String capped(int count) {
        return forkHeldAtTheGate(count);
    }

    /** The same, with the configured default cap. */
    @SkeinScope
    public String cappedByDefault(int count) {
        return forkHeldAtTheGate(count);
    }

    private String forkHeldAtTheGate(int count) {
        methodThread = Thread.currentThread();
        Scope scope = SkeinScopes.current();
        for (int i = 0; i < count; i++) {
            Branch<Void> side = scope.fork("side-" + i, () -> {
                started.incrementAndGet();
                mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    gate.await();
                } finally {
                    running.decrementAndGet();
                }
            });
            trail.add("forked " + side.name());
        }
        return "forked " + count;
    }
}
