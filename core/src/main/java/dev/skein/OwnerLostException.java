package dev.skein;

import dev.skein.internal.Text;
import java.io.Serial;
import java.util.Optional;

/**
 * Why a task of a durable run did not succeed when the instance running it stopped (it was killed, or its
 * node was lost) and another instance compensated the run: what an uncertain compensation is given then.
 */
public final class OwnerLostException extends SkeinException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String graph;
    private final String task;

    /**
     * @param graph the graph's name
     * @param task the task's name, or null for the run as a whole
     * @param recorded what the journal recorded of the task's end, or null if it recorded none
     */
    public OwnerLostException(String graph, String task, String recorded) {
        super("the instance that ran graph '" + Text.name(graph) + "' stopped (owner lost)" + (task == null
                ? " before the run ended" : "; task '" + Text.name(task) + "' " + (recorded == null
                        ? "had started and has no recorded end, so its effect is uncertain"
                        : "did not succeed: " + Text.cut(recorded, Text.MAX_DESCRIPTION))), null);
        this.graph = graph;
        this.task = task;
    }

    /** {@return the graph's name} */
    public String graph() {
        return graph;
    }

    /** {@return the task's name, if it is about one task} */
    public Optional<String> task() {
        return Optional.ofNullable(task);
    }
}
