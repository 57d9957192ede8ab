package dev.skein.quarkus.runtime.devui;

import dev.skein.durable.DurableGraphs;
import dev.skein.durable.DurableRun;
import dev.skein.durable.RunStatus;
import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.DurableJournal;
import dev.skein.quarkus.runtime.devui.SkeinJsonRpcService.DurableRunRow;
import dev.skein.quarkus.runtime.devui.SkeinJsonRpcService.DurableRuns;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The journal's runs for the Dev UI; loaded only by its durable-runs page, which exists only with {@code skein-durable}. */
final class DurableRunsView {

    /** The most runs of each status sent. */
    static final int MOST = 100;

    private DurableRunsView() {
    }

    static DurableRuns read() {
        Optional<DurableGraphs> durable = DurableJournal.current();
        if (durable.isEmpty()) {
            return new DurableRuns("The journal of durable graphs is off: set quarkus.skein.journal.enabled=true.", List.of());
        }
        List<DurableRunRow> rows = new ArrayList<>();
        try {
            for (RunStatus status : List.of(RunStatus.RUNNING, RunStatus.RECOVERING, RunStatus.PARKED)) {
                for (DurableRun run : durable.get().runs(status, MOST)) {
                    rows.add(row(run));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the journal could not be read: " + Text.describe(e), e);
        }
        return new DurableRuns(null, rows);
    }

    static DurableRunRow retry(String id) {
        DurableGraphs durable = DurableJournal.current().orElseThrow(() -> new IllegalStateException(
                "the journal of durable graphs is off: set quarkus.skein.journal.enabled=true"));
        try {
            if (!durable.retry(id)) {
                throw new IllegalArgumentException("run " + Text.name(id) + " is not parked (or the journal has no such run)");
            }
            return row(durable.run(id).orElseThrow());
        } catch (SQLException e) {
            throw new IllegalStateException("the journal could not be read: " + Text.describe(e), e);
        }
    }

    private static DurableRunRow row(DurableRun run) {
        String tasks = run.tasks().stream().map(t -> Text.name(t.name()) + ": " + t.outcome()
                + t.compensation().map(c -> ", " + c).orElse("")).collect(Collectors.joining("; "));
        return new DurableRunRow(run.id(), Text.name(run.graph()), run.status().name(), run.owner(),
                run.reason().orElse(null), run.startedAt().toString(), tasks);
    }
}
