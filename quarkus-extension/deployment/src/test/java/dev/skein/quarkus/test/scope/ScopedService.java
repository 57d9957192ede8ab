package dev.skein.quarkus.test.scope;

import dev.skein.context.SkeinContext;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.quarkus.SkeinScope;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** Methods run in scopes by the interceptor, recording what they saw. */
@ApplicationScoped
public class ScopedService {

    /** What a method saw while it ran. */
    public record Seen(Thread thread, Optional<Instant> deadline, List<ScopeSnapshot> scopes) {
    }

    private final List<String> trail = new CopyOnWriteArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);

    public List<String> trail() {
        return List.copyOf(trail);
    }

    public void clearTrail() {
        trail.clear();
    }

    @SkeinScope(timeout = "1m")
    public Seen look() {
        return new Seen(Thread.currentThread(), SkeinContext.current().deadline(), Diagnostics.snapshot());
    }

    @SkeinScope(name = "checkout")
    public Seen named() {
        return new Seen(Thread.currentThread(), SkeinContext.current().deadline(), Diagnostics.snapshot());
    }

    @SkeinScope
    public String fail(Throwable t) throws Exception {
        switch (t) {
            case Exception e -> throw e;
            case Error e -> throw e;
            default -> throw new AssertionError(t);
        }
    }

    @SkeinScope(timeout = "100ms")
    public String block() throws InterruptedException {
        try {
            never.await();
            return "not cut";
        } catch (InterruptedException e) {
            trail.add("block interrupted");
            throw e;
        }
    }

    /** Cut by its deadline inside a scope of its own, which it lets through. */
    @SkeinScope(timeout = "100ms")
    public String fanOut() throws InterruptedException {
        return Scope.run(cfg -> cfg.withName("fan-out"), scope -> {
            Branch<String> fast = scope.fork("fast", () -> "fast");
            scope.fork("slow", () -> {
                never.await();
                return "slow";
            });
            scope.join();
            return fast.resultNow();
        });
    }
}
