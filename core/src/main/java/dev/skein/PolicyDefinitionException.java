package dev.skein;

import java.io.Serial;
import java.util.List;

/**
 * A policy could not be built. Lists every problem found at once, each naming the parameter (or the
 * configuration key) and what it must be.
 */
public final class PolicyDefinitionException extends DefinitionException {

    @Serial
    private static final long serialVersionUID = 1L;

    public PolicyDefinitionException(String policyName, List<String> problems) {
        super("policy", policyName, problems);
    }
}
