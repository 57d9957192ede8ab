package dev.skein.policy;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The keys Skein reads under {@code skein.policy.<name>.}, and the rule that every key set there must
 * change something: a key Skein does not know (a typo such as {@code retry.max-retry}) is reported with
 * the nearest one it does, and a key of a strategy the policy does not have in code is reported too
 * (configuration changes or turns off a strategy, never adds one), {@code <strategy>.enabled=false} excepted.
 */
final class OverrideKeys {

    /** Every key Skein reads under {@code skein.policy.<name>.}, with the strategy it overrides. */
    static final Map<String, String> KEYS = keys(
            "retry", "retry.enabled retry.max-retries retry.delay retry.delay-unit retry.jitter retry.jitter-delay-unit "
                    + "exponential-backoff.factor exponential-backoff.max-delay exponential-backoff.max-delay-unit",
            "circuit-breaker", "circuit-breaker.enabled circuit-breaker.request-volume-threshold "
                    + "circuit-breaker.failure-ratio circuit-breaker.delay circuit-breaker.delay-unit "
                    + "circuit-breaker.success-threshold",
            "rate-limit", "rate-limit.enabled rate-limit.value rate-limit.window rate-limit.window-unit "
                    + "rate-limit.min-spacing rate-limit.min-spacing-unit rate-limit.type rate-limit.wait-for-permit",
            "timeout", "timeout.enabled timeout.value timeout.unit",
            "bulkhead", "bulkhead.enabled bulkhead.value");
    /** Keys reported one by one; more are counted. */
    static final int MOST_REPORTED = 20;

    private OverrideKeys() {
    }

    private static Map<String, String> keys(String... strategyAndKeys) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < strategyAndKeys.length; i += 2) {
            for (String key : strategyAndKeys[i + 1].split(" ")) {
                keys.put(key, strategyAndKeys[i]);
            }
        }
        return Map.copyOf(keys);
    }

    /**
     * Reports each key under the prefix that Skein does not know (with the nearest one it does), and each
     * that overrides a strategy the policy does not have in code ({@code enabled=false} excepted: it is true).
     */
    static void check(Overrides overrides, PolicyConfig inCode) {
        int reported = 0;
        for (String property : overrides.properties()) {
            String strategy = KEYS.get(property);
            String problem = null;
            if (strategy == null) {
                problem = overrides.shown(property) + " is not a key Skein knows: did you mean " + nearest(property) + "?";
            } else if (!has(inCode, strategy) && !(property.endsWith(".enabled")
                    && overrides.value(property).map(v -> v.equalsIgnoreCase("false")).orElse(false))) {
                problem = overrides.shown(property) + " overrides the " + strategy.replace('-', ' ') + ", which policy '"
                        + overrides.name() + "' does not have: configuration changes or turns off a strategy defined "
                        + "in code, never adds one; add it to the definition, or remove the key";
            }
            if (problem != null && reported++ < MOST_REPORTED) {
                overrides.problems().add(problem);
            }
        }
        if (reported > MOST_REPORTED) {
            overrides.problems().add("and " + (reported - MOST_REPORTED) + " more keys under " + overrides.shown("")
                    + " that change nothing, as above");
        }
    }

    private static boolean has(PolicyConfig c, String strategy) {
        return switch (strategy) {
            case "retry" -> c.retry().isPresent();
            case "circuit-breaker" -> c.circuitBreaker().isPresent();
            case "rate-limit" -> c.rateLimit().isPresent();
            case "timeout" -> c.timeout().isPresent();
            default -> c.bulkhead().isPresent();
        };
    }

    /** {@return the known key nearest to {@code property}, by edit distance} */
    static String nearest(String property) {
        String cut = property.length() > 100 ? property.substring(0, 100) : property;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String known : KEYS.keySet().stream().sorted().toList()) {
            int d = distance(cut, known);
            if (d < bestDistance) {
                best = known;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein's distance: the fewest single-character insertions, deletions and substitutions. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
