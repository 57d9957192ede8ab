package dev.skein.quarkus.runtime.health;

import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import dev.skein.quarkus.runtime.PolicyReading;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The named policies that have a circuit breaker, and their states, each read on its own. */
final class Breakers {

    /** The most breakers a report lists one by one. */
    static final int MOST = 100;

    private Breakers() {
    }

    /** {@return the names of the named policies that have a circuit breaker, sorted} */
    static Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (Policy policy : Policies.all()) {
            if (policy.config().circuitBreaker().isPresent()) {
                names.add(policy.name().orElseThrow());
            }
        }
        return names;
    }

    /**
     * {@return the state of each breaker ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}), by name} A breaker
     * whose state cannot be read (whatever it throws, an {@code Error} too) is {@code UNKNOWN (...)}, and the
     * others are still read.
     */
    static Map<String, String> states() {
        Map<String, String> states = new LinkedHashMap<>();
        for (PolicyReading policy : PolicyReading.all()) {
            if (policy.hasBreaker()) {
                states.put(policy.name(), policy.error() == null ? policy.breaker().orElseThrow()
                        : "UNKNOWN (" + policy.error() + ")");
            }
        }
        return states;
    }
}
