package dev.skein.quarkus.test.events;

import dev.skein.graph.RunReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Observes the end of runs asynchronously, off the run's threads. */
@ApplicationScoped
public class LateWatch {

    private final ConcurrentLinkedQueue<RunReport> reports = new ConcurrentLinkedQueue<>();

    void onRunEnded(@ObservesAsync RunReport report) {
        reports.add(report);
    }

    public List<RunReport> reports() {
        return List.copyOf(reports);
    }
}
