package dev.skein;

import java.io.Serial;
import java.util.List;

/**
 * A graph could not be built. Lists every problem found at once (a cycle with its path, a missing
 * dependency, a duplicate name, a type mismatch, an empty graph), each saying how to fix it.
 */
public final class GraphDefinitionException extends SkeinException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public GraphDefinitionException(String graphName, List<String> problems) {
        super(DefinitionProblems.message("graph", graphName, problems), null);
        this.problems = List.copyOf(problems);
    }

    /** {@return every problem, one sentence each} */
    public List<String> problems() {
        return problems;
    }
}
