package dev.skein;

import java.io.Serial;
import java.util.List;

/**
 * A graph could not be built. Lists every problem found at once (a cycle with its path, a missing
 * dependency, a duplicate name, a type mismatch, an empty graph, an undefined policy), each saying how to
 * fix it.
 */
public final class GraphDefinitionException extends DefinitionException {

    @Serial
    private static final long serialVersionUID = 1L;

    public GraphDefinitionException(String graphName, List<String> problems) {
        super("graph", graphName, problems);
    }
}
