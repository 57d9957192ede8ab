package dev.skein.quarkus.test.config;

import dev.skein.quarkus.Compensates;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A graph whose task sleeps as long as its input says, and whose compensation always fails. */
@ApplicationScoped
@TaskGraph("configured")
public class SlowGraph {

    public record Work(long sleepMillis, boolean failAfter) {
    }

    public record Done(long slept) {
    }

    private final AtomicInteger undoAttempts = new AtomicInteger();

    @Task("start")
    String start(@GraphInput Work work) {
        return "started";
    }

    @Task(value = "slow", timeout = "1h") // tests that shorten it fail by their own timeout if it is not
    Done slow(@GraphInput Work work, String started) throws InterruptedException {
        Thread.sleep(Duration.ofMillis(work.sleepMillis())); // the work being timed, not synchronisation
        if (work.failAfter()) {
            throw new IllegalStateException("failed after sleeping");
        }
        return new Done(work.sleepMillis());
    }

    @Compensates("start")
    void undoStart(String started) {
        undoAttempts.incrementAndGet();
        throw new IllegalStateException("cannot undo");
    }

    public int undoAttempts() {
        return undoAttempts.get();
    }

    public void reset() {
        undoAttempts.set(0);
    }
}
