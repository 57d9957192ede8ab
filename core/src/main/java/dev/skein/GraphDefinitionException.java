package dev.skein;

import java.io.Serial;
import java.util.List;

/**
 * A graph could not be built. Lists every problem found at once (a cycle, a missing dependency, a
 * duplicate name, a type mismatch, an empty graph, an undefined policy), each saying how to fix it.
 *
 * <p>A cycle is one problem per group of tasks that depend on each other in a loop, showing the shortest
 * cycle through the group's first-declared task (a long one by its first and last tasks) and, when the
 * group is larger, its first tasks and their count. At most 20 cycles are listed, then one problem counts
 * the rest. The message is bounded as {@link DefinitionException} says.
 */
public final class GraphDefinitionException extends DefinitionException {

    @Serial
    private static final long serialVersionUID = 1L;

    public GraphDefinitionException(String graphName, List<String> problems) {
        super("graph", graphName, problems);
    }
}
