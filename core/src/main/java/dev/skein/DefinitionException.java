package dev.skein;

import dev.skein.internal.Text;
import java.io.Serial;
import java.util.List;

/**
 * Something could not be built from its definition (a graph, a policy). Lists every problem found at
 * once, each naming what is wrong and how to fix it.
 *
 * <p>The message is bounded: it shows the name up to {@value Text#MAX_NAME} characters and the first
 * {@value #MAX_LISTED_PROBLEMS} problems, then {@code ... and N more problems (see problems())}.
 * {@link #problems()} has every problem. Skein puts each name into a problem the same bounded way, so a
 * problem is at most a few kilobytes however long the names it was given.
 */
public abstract class DefinitionException extends SkeinException {

    /** The most problems the message lists; {@link #problems()} has all of them. */
    public static final int MAX_LISTED_PROBLEMS = 50;

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
        StringBuilder s = new StringBuilder(kind).append(" '").append(Text.name(name)).append("' has ")
                .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
        for (String p : problems.subList(0, Math.min(MAX_LISTED_PROBLEMS, problems.size()))) {
            s.append("\n  - ").append(p);
        }
        if (problems.size() > MAX_LISTED_PROBLEMS) {
            s.append("\n  ... and ").append(problems.size() - MAX_LISTED_PROBLEMS)
                    .append(" more problems (see problems())");
        }
        return s.toString();
    }
}
