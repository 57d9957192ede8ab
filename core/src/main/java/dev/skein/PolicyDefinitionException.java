package dev.skein;

import java.io.Serial;
import java.util.List;

/**
 * A policy could not be built. Lists every problem found at once, each naming the parameter (or the
 * configuration key) and what it must be.
 */
public final class PolicyDefinitionException extends SkeinException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public PolicyDefinitionException(String policyName, List<String> problems) {
        super(DefinitionProblems.message("policy", policyName, problems), null);
        this.problems = List.copyOf(problems);
    }

    /** {@return every problem, one sentence each} */
    public List<String> problems() {
        return problems;
    }
}
