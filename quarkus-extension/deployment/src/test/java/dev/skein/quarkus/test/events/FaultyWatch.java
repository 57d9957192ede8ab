package dev.skein.quarkus.test.events;

import dev.skein.graph.GraphListener.CompensationEnded;
import dev.skein.graph.GraphListener.RunStarted;
import dev.skein.graph.GraphListener.TaskEnded;
import dev.skein.graph.RunReport;
import dev.skein.quarkus.BreakerStateChanged;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;

/** Throws from every observer, Errors included; called before {@link RunWatch}'s (a lower priority). */
@ApplicationScoped
public class FaultyWatch {

    private final AtomicInteger calls = new AtomicInteger();

    void onRunStarted(@Observes @Priority(1) RunStarted event) {
        calls.incrementAndGet();
        throw new IllegalStateException("observer bug on run start");
    }

    void onTaskEnded(@Observes @Priority(1) TaskEnded event) {
        calls.incrementAndGet();
        throw new OutOfMemoryError("observer bug on task end");
    }

    void onCompensationEnded(@Observes @Priority(1) CompensationEnded event) throws Exception {
        calls.incrementAndGet();
        throw new Exception("observer bug on compensation end (checked)");
    }

    void onRunEnded(@Observes @Priority(1) RunReport report) {
        calls.incrementAndGet();
        throw new StackOverflowError("observer bug on run end");
    }

    void onBreaker(@Observes @Priority(1) BreakerStateChanged change) {
        calls.incrementAndGet();
        throw new IllegalStateException("observer bug on breaker change");
    }

    /** {@return how many times it was called} */
    public int calls() {
        return calls.get();
    }
}
