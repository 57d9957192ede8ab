package dev.skein.quarkus.test.events;

import dev.skein.graph.GraphListener.CompensationEnded;
import dev.skein.graph.GraphListener.RunStarted;
import dev.skein.graph.GraphListener.TaskEnded;
import dev.skein.graph.RunReport;
import dev.skein.quarkus.BreakerStateChanged;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** An operator's bean: records every Skein event it observes, with the thread it was called on. */
@ApplicationScoped
public class RunWatch {

    /** One observed event. */
    public record Seen(Object event, Thread thread, boolean requestContextActive) {
    }

    private final ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();

    void onRunStarted(@Observes RunStarted event) {
        record(event);
    }

    void onTaskEnded(@Observes TaskEnded event) {
        record(event);
    }

    void onCompensationEnded(@Observes CompensationEnded event) {
        record(event);
    }

    void onRunEnded(@Observes RunReport report) {
        record(report);
    }

    void onBreaker(@Observes BreakerStateChanged change) {
        record(change);
    }

    private void record(Object event) {
        seen.add(new Seen(event, Thread.currentThread(), Arc.container().requestContext().isActive()));
    }

    /** {@return what it observed, in order} (a method: the injected bean is a client proxy) */
    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** {@return the events it observed, in order} */
    public List<Object> events() {
        return seen().stream().map(Seen::event).toList();
    }

    public void clear() {
        seen.clear();
    }
}
