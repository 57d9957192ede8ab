package dev.skein.quarkus.runtime;

import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * The configuration keys SmallRye Fault Tolerance reads for an annotated method, read in SmallRye's
 * order (its {@code ConfigUtil} and {@code *ConfigImpl}, 6.10), so that a Quarkus user's keys apply to
 * a task as they would to any other method. For a member, the first one set of:
 * <ol>
 * <li>{@code quarkus.fault-tolerance."<class>/<method>".<annotation>.<member>} (Quarkus' form; SmallRye's
 * {@code smallrye.faulttolerance."<class>/<method>"...} next, which Quarkus relocates to it);</li>
 * <li>{@code <class>/<method>/<Annotation>/<member>} (MicroProfile's);</li>
 * <li>{@code quarkus.fault-tolerance.global.<annotation>.<member>}, then {@code smallrye.faulttolerance.global...};</li>
 * <li>{@code <Annotation>/<member>};</li>
 * </ol>
 * then the annotation's own value. Names are kebab-case in the first forms ({@code retry.max-retries},
 * {@code circuit-breaker.delay-unit}), as SmallRye names them ({@code Retry/durationUnit} is
 * {@code retry.max-duration-unit}, {@code Retry/jitterDelayUnit} is {@code retry.jitter-unit}). Whether an
 * annotation applies ({@code enabled}) is read the same way, with the class-level keys after the method's,
 * then {@code quarkus.fault-tolerance.enabled}, {@code smallrye.faulttolerance.enabled} and
 * {@code MP_Fault_Tolerance_NonFallback_Enabled} for everything but {@code @Fallback}.
 */
final class FaultToleranceKeys {

    /** A key that is set, and its value. */
    record Found(String key, String value) {
    }

    private static final String[] NEW = {"quarkus.fault-tolerance.", "smallrye.faulttolerance."};

    private final Config config;
    private final String beanClass;
    private final String method;

    FaultToleranceKeys(Config config, String beanClass, String methodName) {
        this.config = config;
        this.beanClass = beanClass;
        this.method = beanClass + "/" + methodName;
    }

    /** {@return the configured value of {@code annotation}'s {@code member} and its key, if any is set} */
    Optional<Found> value(String annotation, String member) {
        String name = newName(annotation, member);
        return first(NEW[0] + "\"" + method + "\"." + name, NEW[1] + "\"" + method + "\"." + name,
                method + "/" + annotation + "/" + member,
                NEW[0] + "global." + name, NEW[1] + "global." + name,
                annotation + "/" + member);
    }

    /** {@return the method's own key set for {@code member} (none of the global ones), if any} */
    Optional<Found> methodValue(String annotation, String member) {
        String name = newName(annotation, member);
        return first(NEW[0] + "\"" + method + "\"." + name, NEW[1] + "\"" + method + "\"." + name,
                method + "/" + annotation + "/" + member);
    }

    /** {@return whether {@code annotation} applies to the method} */
    boolean enabled(String annotation) {
        String name = kebab(annotation) + ".enabled";
        Optional<Found> set = first(NEW[0] + "\"" + method + "\"." + name, NEW[1] + "\"" + method + "\"." + name,
                method + "/" + annotation + "/enabled",
                NEW[0] + "\"" + beanClass + "\"." + name, NEW[1] + "\"" + beanClass + "\"." + name,
                beanClass + "/" + annotation + "/enabled",
                NEW[0] + "global." + name, NEW[1] + "global." + name,
                annotation + "/enabled");
        if (set.isPresent()) {
            return Boolean.parseBoolean(set.get().value().strip());
        }
        if (annotation.equals("Fallback")) {
            return true;
        }
        for (String key : new String[] {NEW[0] + "enabled", NEW[1] + "enabled", "MP_Fault_Tolerance_NonFallback_Enabled"}) {
            Optional<Boolean> all = config.getOptionalValue(key, Boolean.class);
            if (all.isPresent()) {
                return all.get();
            }
        }
        return true;
    }

    /** {@return the first of {@code keys} that is set} */
    private Optional<Found> first(String... keys) {
        for (String key : keys) {
            Optional<String> v = config.getOptionalValue(key, String.class);
            if (v.isPresent()) {
                return Optional.of(new Found(key, v.get()));
            }
        }
        return Optional.empty();
    }

    /** {@return SmallRye's kebab-case name of a member: {@code retry.max-retries}} */
    static String newName(String annotation, String member) {
        String m = switch (annotation + "/" + member) {
            case "Retry/durationUnit" -> "maxDurationUnit";
            case "Retry/jitterDelayUnit" -> "jitterUnit";
            default -> member;
        };
        return kebab(annotation) + "." + kebab(m);
    }

    /** {@return {@code camelCase} as {@code camel-case}} */
    static String kebab(String camel) {
        StringBuilder s = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    s.append('-');
                }
                s.append(Character.toLowerCase(c));
            } else {
                s.append(c);
            }
        }
        return s.toString();
    }
}
