package dev.skein;

import dev.skein.internal.Text;
import java.io.Serial;
import java.util.List;

/**
 * A policy could not be defined. Lists every problem found at once, each naming the parameter (or the
 * configuration key), what it must be, the value it was, and how to fix it. Every value SmallRye Fault
 * Tolerance would reject, overflow on or fail with at the first call is reported here instead.
 */
public final class PolicyDefinitionException extends DefinitionException {

    @Serial
    private static final long serialVersionUID = 1L;

    public PolicyDefinitionException(String policyName, List<String> problems) {
        super("policy", Text.name(policyName), problems);
    }
}
