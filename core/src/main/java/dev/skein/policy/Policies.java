package dev.skein.policy;

import dev.skein.PolicyDefinitionException;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.internal.Text;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Named policies, shared by every branch, task and graph that names them, across concurrent runs; and
 * the listeners that hear what policies do.
 * {@snippet :
 * Policies.define("payment", p -> p.withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(10)));
 * // anywhere else:
 * task -> task.withPolicy("payment")          // or Policies.get("payment").wrap(...)
 * }
 * Each parameter of a named policy can be overridden from configuration when it is defined:
 * {@code skein.policy.<name>.<strategy>.<property>}, as SmallRye Fault Tolerance names its own
 * ({@code retry.max-retries}, {@code retry.delay} with {@code retry.delay-unit}, {@code retry.jitter} with
 * {@code retry.jitter-delay-unit},
 * {@code exponential-backoff.factor}, {@code exponential-backoff.max-delay}, {@code circuit-breaker.request-volume-threshold},
 * {@code circuit-breaker.failure-ratio}, {@code circuit-breaker.delay}, {@code circuit-breaker.success-threshold},
 * {@code rate-limit.value}, {@code rate-limit.window}, {@code rate-limit.min-spacing}, {@code rate-limit.type},
 * {@code rate-limit.wait-for-permit}, {@code timeout.value} with {@code timeout.unit}, {@code bulkhead.value},
 * and {@code <strategy>.enabled=false}). The source is the system properties unless {@link #useOverrides}
 * sets another (for the Quarkus extension, its configuration). Every key set under
 * {@code skein.policy.<name>.} must change something: a key Skein does not know (reported with the nearest
 * one it does), or one of a strategy the policy does not have in code, fails the definition.
 *
 * SmallRye's programmatic guards read no configuration themselves; these keys are Skein's, named as
 * SmallRye names the keys of its {@code @ApplyGuard} guards.
 *
 * <p>Outside Quarkus, SmallRye Fault Tolerance keeps a timer thread and a thread pool; Skein starts them
 * as daemon threads, and an application may call {@code StandaloneFaultTolerance.shutdown()} to stop them.
 */
public final class Policies {

    private static final Map<String, Policy> NAMED = new ConcurrentHashMap<>();
    private static volatile OverrideSource overrides = OverrideSource.systemProperties();

    private Policies() {
    }

    /**
     * Defines the policy called {@code name}, configured from nothing by {@code configure}, then by the
     * configuration overrides. {@return the policy}
     * @throws IllegalStateException if a policy of that name is already defined
     * @throws PolicyDefinitionException listing every invalid parameter, every override that does not
     *         parse and every key under {@code skein.policy.<name>.} that changes nothing
     */
    public static Policy define(String name, UnaryOperator<PolicyConfig> configure) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(configure, "configure");
        if (name.isBlank() || name.contains(".")) {
            throw new IllegalArgumentException("policy name must be non-blank and contain no '.' (it is part of "
                    + "configuration keys), was '" + Text.name(name) + "'");
        }
        if (NAMED.containsKey(name)) {
            throw alreadyDefined(name);
        }
        List<String> problems = new ArrayList<>();
        PolicyConfig inCode = Objects.requireNonNull(configure.apply(PolicyConfig.NONE), "configure returned null");
        PolicyConfig config = Overrides.apply(name, inCode, overrides, problems);
        Policy policy = Policy.build(name, config, problems, true);
        if (NAMED.putIfAbsent(name, policy) != null) {
            throw alreadyDefined(name);
        }
        return policy;
    }

    private static IllegalStateException alreadyDefined(String name) {
        return new IllegalStateException("policy '" + Text.name(name) + "' is already defined: define each named policy "
                + "once, and look it up with Policies.get(\"" + Text.name(name) + "\")");
    }

    /** {@return the policy called {@code name}, if defined} */
    public static Optional<Policy> find(String name) {
        return Optional.ofNullable(NAMED.get(name));
    }

    /**
     * {@return the policy called {@code name}}
     * @throws IllegalArgumentException if none is defined (the message lists those that are)
     */
    public static Policy get(String name) {
        Policy policy = NAMED.get(name);
        if (policy == null) {
            throw new IllegalArgumentException("no policy '" + Text.name(name) + "' is defined: define it with Policies.define(\""
                    + Text.name(name) + "\", ...) first; defined: " + NAMED.keySet().stream().sorted().limit(20).map(Text::name).toList()
                    + (NAMED.size() > 20 ? " and " + (NAMED.size() - 20) + " more" : ""));
        }
        return policy;
    }

    /** {@return every named policy, by name} */
    public static List<Policy> all() {
        return NAMED.values().stream().sorted(Comparator.comparing(p -> p.name().orElseThrow())).toList();
    }

    /**
     * Forgets the policy called {@code name}; users of the instance keep its state. For tests and
     * redeployment. {@return whether it was defined}
     */
    public static boolean remove(String name) {
        return NAMED.remove(name) != null;
    }

    /**
     * Sets where overrides of named policies are read from, for policies defined from now on
     * ({@link OverrideSource#systemProperties()} until then).
     */
    public static void useOverrides(OverrideSource source) {
        overrides = Objects.requireNonNull(source, "source");
    }

    /** Registers {@code listener} for every policy's events. {@return what removes it} */
    public static Diagnostics.Registration addListener(PolicyListener listener) {
        Objects.requireNonNull(listener, "listener");
        Listeners.ALL.add(listener);
        return () -> Listeners.ALL.remove(listener);
    }
}
