package dev.skein;

import java.io.Serial;
import java.util.List;

/**
 * Something could not be built from its definition (a graph, a policy). Lists every problem found at
 * once, each naming what is wrong and how to fix it.
 */
public abstract class DefinitionException extends SkeinException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    protected DefinitionException(String kind, String name, List<String> problems) {
        super(message(kind, name, problems), null);
        this.problems = List.copyOf(problems);
    }

    /** {@return every problem, one sentence each} */
    public List<String> problems() {
        return problems;
    }

    private static String message(String kind, String name, List<String> problems) {
        StringBuilder s = new StringBuilder(kind).append(" '").append(name).append("' has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
        for (String p : problems) {
            s.append("\n  - ").append(p);
        }
        return s.toString();
    }
}
