package dev.skein.quarkus.runtime;

import dev.skein.PolicyDefinitionException;
import dev.skein.internal.Text;
import dev.skein.policy.FailDirection;
import dev.skein.policy.OverrideSource;
import dev.skein.policy.Policies;
import dev.skein.policy.RateLimitStore;
import dev.skein.quarkus.runtime.config.PolicyConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Defines the core's named policies from {@code quarkus.skein.policy."<name>".*}. A policy has the
 * strategies whose keys are set; the core's own overrides ({@code Policies.useOverrides}) then give them
 * their values, read from the configuration (as the core's {@code skein.policy.<name>.*} keys) rather than
 * from the system properties, so that the core applies and checks the values as it does for any policy.
 * A policy the application defines in code reads the core's own keys from the configuration. A rate limit with
 * {@code rate-limit.shared=true} is counted in the application's {@code RateLimitStore}.
 */
final class NamedPolicies {

    private static final String CORE_PREFIX = "skein.policy.";

    private NamedPolicies() {
    }

    /**
     * Makes the configuration the core's source of overrides and defines every configured policy.
     * {@return the names defined}
     * @param store the store of shared rate limits, asked for once, when a policy has one; it throws an
     *        {@code IllegalStateException} saying why when there is none
     * @throws ConfigurationException listing every problem of every policy (none is left defined then)
     */
    static List<String> define(Map<String, PolicyConfig> configured, Supplier<RateLimitStore> store) {
        Supplier<RateLimitStore> once = once(store);
        Map<String, Map<String, String>> values = new TreeMap<>();
        configured.forEach((name, policy) -> values.put(name, flatten(policy)));
        Policies.useOverrides(source(values));
        List<String> problems = new ArrayList<>();
        List<String> defined = new ArrayList<>();
        for (Map.Entry<String, PolicyConfig> e : new TreeMap<>(configured).entrySet()) {
            String name = e.getKey();
            PolicyConfig p = e.getValue();
            if (name.isBlank() || name.contains(".")) {
                problems.add(key(name, "") + ": a policy's name must be non-blank and contain no '.'; rename it");
                continue;
            }
            if (p.exponentialBackoff().isPresent() && p.retry().isEmpty()) {
                problems.add(key(name, "exponential-backoff") + " is set, but the policy has no retry for it to slow down:"
                        + " add " + key(name, "retry.max-retries") + " (or " + key(name, "retry.enabled") + "=true)");
                continue;
            }
            boolean shared = p.rateLimit().flatMap(PolicyConfig.RateLimit::shared).orElse(false);
            if (!shared && p.rateLimit().flatMap(PolicyConfig.RateLimit::sharedFail).isPresent()) {
                problems.add(key(name, "rate-limit.shared-fail") + " is set, but the rate limit is not shared: add "
                        + key(name, "rate-limit.shared") + "=true, or remove it");
                continue;
            }
            RateLimitStore sharedIn = null;
            if (shared) {
                try {
                    sharedIn = once.get();
                } catch (IllegalStateException ex) {
                    problems.add(key(name, "rate-limit.shared") + "=true, but " + ex.getMessage());
                    continue;
                }
            }
            try {
                Policies.define(name, strategiesOf(p, sharedIn));
                defined.add(name);
            } catch (PolicyDefinitionException ex) {
                ex.problems().forEach(problem -> problems.add(key(name, "") + ": " + problem.replace(CORE_PREFIX + name + ".",
                        key(name, "") + ".")));
            } catch (IllegalStateException ex) { // defined already, in code
                problems.add(key(name, "") + ": " + ex.getMessage() + "; a policy configured under quarkus.skein.policy is"
                        + " defined by Skein at start-up: do not define it in code too");
            }
        }
        if (!problems.isEmpty()) {
            defined.forEach(Policies::remove);
            Policies.useOverrides(OverrideSource.systemProperties());
            StringBuilder s = new StringBuilder("Skein: the named policies of quarkus.skein.policy have ")
                    .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
            problems.stream().limit(50).forEach(problem -> s.append("\n  - ").append(problem));
            throw new ConfigurationException(s.toString());
        }
        return defined;
    }

    /**
     * The strategies the configuration names, with the core's defaults: the overrides give the values (and keep
     * the rate limit's store, when {@code sharedIn} is not null).
     */
    private static UnaryOperator<dev.skein.policy.PolicyConfig> strategiesOf(PolicyConfig p, RateLimitStore sharedIn) {
        FailDirection direction = p.rateLimit().flatMap(PolicyConfig.RateLimit::sharedFail).orElse(FailDirection.OPEN);
        return c -> {
            dev.skein.policy.PolicyConfig s = c;
            if (p.retry().isPresent()) {
                s = s.withRetry(r -> r);
            }
            if (p.circuitBreaker().isPresent()) {
                s = s.withCircuitBreaker(cb -> cb);
            }
            if (p.rateLimit().isPresent()) {
                s = sharedIn == null ? s.withRateLimit(rl -> rl) : s.withRateLimit(rl -> rl.shared(sharedIn, direction));
            }
            if (p.timeout().isPresent()) {
                s = s.withTimeout(Duration.ofSeconds(1));
            }
            if (p.bulkhead().isPresent()) {
                s = s.withBulkhead(10);
            }
            return s;
        };
    }

    /** {@return the policy's keys as the core names them under {@code skein.policy.<name>.}, with their values} */
    static Map<String, String> flatten(PolicyConfig p) {
        Map<String, String> v = new LinkedHashMap<>();
        p.retry().ifPresent(r -> {
            r.enabled().ifPresent(x -> v.put("retry.enabled", x.toString()));
            r.maxRetries().ifPresent(x -> v.put("retry.max-retries", Integer.toString(x)));
            r.delay().ifPresent(x -> v.put("retry.delay", Long.toString(x)));
            r.delayUnit().ifPresent(x -> v.put("retry.delay-unit", x.name()));
            r.jitter().ifPresent(x -> v.put("retry.jitter", Long.toString(x)));
            r.jitterDelayUnit().ifPresent(x -> v.put("retry.jitter-delay-unit", x.name()));
        });
        p.exponentialBackoff().ifPresent(b -> {
            b.factor().ifPresent(x -> v.put("exponential-backoff.factor", Integer.toString(x)));
            b.maxDelay().ifPresent(x -> v.put("exponential-backoff.max-delay", Long.toString(x)));
            b.maxDelayUnit().ifPresent(x -> v.put("exponential-backoff.max-delay-unit", x.name()));
        });
        p.circuitBreaker().ifPresent(cb -> {
            cb.enabled().ifPresent(x -> v.put("circuit-breaker.enabled", x.toString()));
            cb.requestVolumeThreshold().ifPresent(x -> v.put("circuit-breaker.request-volume-threshold", Integer.toString(x)));
            cb.failureRatio().ifPresent(x -> v.put("circuit-breaker.failure-ratio", Double.toString(x)));
            cb.delay().ifPresent(x -> v.put("circuit-breaker.delay", Long.toString(x)));
            cb.delayUnit().ifPresent(x -> v.put("circuit-breaker.delay-unit", x.name()));
            cb.successThreshold().ifPresent(x -> v.put("circuit-breaker.success-threshold", Integer.toString(x)));
        });
        p.rateLimit().ifPresent(rl -> {
            rl.enabled().ifPresent(x -> v.put("rate-limit.enabled", x.toString()));
            rl.value().ifPresent(x -> v.put("rate-limit.value", Integer.toString(x)));
            rl.window().ifPresent(x -> v.put("rate-limit.window", Long.toString(x)));
            rl.windowUnit().ifPresent(x -> v.put("rate-limit.window-unit", x.name()));
            rl.minSpacing().ifPresent(x -> v.put("rate-limit.min-spacing", Long.toString(x)));
            rl.minSpacingUnit().ifPresent(x -> v.put("rate-limit.min-spacing-unit", x.name()));
            rl.type().ifPresent(x -> v.put("rate-limit.type", x.name().toLowerCase(Locale.ROOT)));
            rl.waitForPermit().ifPresent(x -> v.put("rate-limit.wait-for-permit", x.toString()));
        });
        p.timeout().ifPresent(t -> {
            t.enabled().ifPresent(x -> v.put("timeout.enabled", x.toString()));
            t.value().ifPresent(x -> v.put("timeout.value", Long.toString(x)));
            t.unit().ifPresent(x -> v.put("timeout.unit", x.name()));
        });
        p.bulkhead().ifPresent(b -> {
            b.enabled().ifPresent(x -> v.put("bulkhead.enabled", x.toString()));
            b.value().ifPresent(x -> v.put("bulkhead.value", Integer.toString(x)));
        });
        return v;
    }

    /**
     * The core's {@code skein.policy.<name>.<key>}: for a configured policy, its {@code quarkus.skein.policy}
     * keys; for one defined in code, the configuration's own {@code skein.policy.<name>.*} keys (the system
     * properties among them), as the core would read them.
     */
    private static OverrideSource source(Map<String, Map<String, String>> values) {
        Config config = ConfigProvider.getConfig();
        return new OverrideSource() {
            @Override
            public Optional<String> value(String key) {
                Map<String, String> policy = configured(key);
                return policy == null ? config.getOptionalValue(key, String.class)
                        : Optional.ofNullable(policy.get(key.substring(key.indexOf('.', CORE_PREFIX.length()) + 1)));
            }

            @Override
            public Set<String> keys(String prefix) {
                Set<String> keys = new TreeSet<>();
                Map<String, String> policy = configured(prefix);
                if (policy != null) {
                    String name = prefix.substring(CORE_PREFIX.length(), prefix.indexOf('.', CORE_PREFIX.length()));
                    policy.keySet().forEach(k -> keys.add(CORE_PREFIX + name + "." + k));
                } else {
                    config.getPropertyNames().forEach(k -> {
                        if (k.startsWith(prefix)) {
                            keys.add(k);
                        }
                    });
                }
                return keys;
            }

            /** {@return the configured policy a key (or prefix) {@code skein.policy.<name>.} is of, or null} */
            private Map<String, String> configured(String key) {
                int dot = key.startsWith(CORE_PREFIX) ? key.indexOf('.', CORE_PREFIX.length()) : -1;
                return dot < 0 ? null : values.get(key.substring(CORE_PREFIX.length(), dot));
            }

            @Override
            public String toString() {
                return "quarkus.skein.policy, and skein.policy in the configuration";
            }
        };
    }

    /** {@return {@code store}, asked for the first time only; its failure is remembered too} */
    private static Supplier<RateLimitStore> once(Supplier<RateLimitStore> store) {
        return new Supplier<>() {
            private RateLimitStore found;
            private IllegalStateException missing;

            @Override
            public RateLimitStore get() {
                if (found == null && missing == null) {
                    try {
                        found = store.get();
                    } catch (IllegalStateException ex) {
                        missing = ex;
                    }
                }
                if (missing != null) {
                    throw missing;
                }
                return found;
            }
        };
    }

    private static String key(String name, String property) {
        return "quarkus.skein.policy.\"" + Text.name(name) + "\"" + (property.isEmpty() ? "" : "." + property);
    }
}
