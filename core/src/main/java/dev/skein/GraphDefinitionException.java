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
        super(message(graphName, problems), null);
        this.problems = List.copyOf(problems);
    }

    /** {@return every problem, one sentence each} */
    public List<String> problems() {
        return problems;
    }

    private static String message(String graphName, List<String> problems) {
        StringBuilder s = new StringBuilder("graph '").append(graphName).append("' has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
        for (String p : problems) {
            s.append("\n  - ").append(p);
        }
        return s.toString();
    }
}
