package dev.skein.policy;

import java.util.Optional;
import java.util.Set;

/**
 * Where the configuration overrides of named policies ({@code skein.policy.<name>.<key>}) are read from:
 * the system properties unless {@link Policies#useOverrides} sets another. Skein reads a policy's keys
 * when the policy is defined, and lists them to reject any it does not know.
 * {@snippet :
 * // MicroProfile Config (org.eclipse.microprofile.config), e.g. in Quarkus
 * Config config = ConfigProvider.getConfig();
 * Policies.useOverrides(new OverrideSource() {
 *     @Override
 *     public Optional<String> value(String key) {
 *         return config.getOptionalValue(key, String.class);
 *     }
 *
 *     @Override
 *     public Set<String> keys(String prefix) {
 *         Set<String> keys = new TreeSet<>();
 *         for (String name : config.getPropertyNames()) {
 *             if (name.startsWith(prefix)) {
 *                 keys.add(name);
 *             }
 *         }
 *         return keys;
 *     }
 * });
 * }
 *
 * @implSpec Called on the thread that defines a policy. What it throws fails that definition.
 */
public interface OverrideSource {

    /** {@return the value of {@code key}, if it is set} */
    Optional<String> value(String key);

    /** {@return every key that is set and starts with {@code prefix} (such as {@code "skein.policy.payment."})} */
    Set<String> keys(String prefix);

    /** {@return the system properties, read when each policy is defined (the default source)} */
    static OverrideSource systemProperties() {
        return Overrides.SYSTEM_PROPERTIES;
    }
}
