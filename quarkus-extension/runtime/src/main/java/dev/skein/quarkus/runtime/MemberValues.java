package dev.skein.quarkus.runtime;

import dev.skein.internal.Text;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The members of one task method's fault-tolerance annotations, each from the configuration where a key
 * sets it ({@link FaultToleranceKeys}), else from the annotation; parsed as SmallRye parses them. A value
 * that does not parse is a problem naming its key, and the annotation's value is used instead, so that
 * every problem is found at once.
 */
final class MemberValues {

    private final FaultToleranceSpec spec;
    private final FaultToleranceKeys keys;
    private final List<String> problems;

    MemberValues(FaultToleranceSpec spec, FaultToleranceKeys keys, List<String> problems) {
        this.spec = spec;
        this.keys = keys;
        this.problems = problems;
    }

    FaultToleranceKeys keys() {
        return keys;
    }

    /** {@return whether {@code annotation} is on the method} */
    boolean has(String annotation) {
        return spec.has(annotation);
    }

    /** {@return whether {@code annotation} is on the method and not turned off by configuration} */
    boolean enabled(String annotation) {
        return spec.has(annotation) && keys.enabled(annotation);
    }

    int integer(String annotation, String member) {
        Optional<FaultToleranceKeys.Found> set = keys.value(annotation, member);
        if (set.isPresent()) {
            try {
                return Integer.parseInt(set.get().value().strip());
            } catch (NumberFormatException e) {
                problems.add(set.get().key() + " must be a whole number, was '" + Text.name(set.get().value()) + "'");
            }
        }
        return Integer.parseInt(annotationValue(annotation, member));
    }

    long number(String annotation, String member) {
        Optional<FaultToleranceKeys.Found> set = keys.value(annotation, member);
        if (set.isPresent()) {
            try {
                return Long.parseLong(set.get().value().strip());
            } catch (NumberFormatException e) {
                problems.add(set.get().key() + " must be a whole number, was '" + Text.name(set.get().value()) + "'");
            }
        }
        return Long.parseLong(annotationValue(annotation, member));
    }

    double decimal(String annotation, String member) {
        Optional<FaultToleranceKeys.Found> set = keys.value(annotation, member);
        if (set.isPresent()) {
            try {
                return Double.parseDouble(set.get().value().strip());
            } catch (NumberFormatException e) {
                problems.add(set.get().key() + " must be a number, was '" + Text.name(set.get().value()) + "'");
            }
        }
        return Double.parseDouble(annotationValue(annotation, member));
    }

    <E extends Enum<E>> E constant(String annotation, String member, Class<E> type) {
        Optional<FaultToleranceKeys.Found> set = keys.value(annotation, member);
        if (set.isPresent()) {
            try {
                return Enum.valueOf(type, set.get().value().strip().replace('-', '_').toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(set.get().key() + " must be one of " + List.of(type.getEnumConstants()) + ", was '"
                        + Text.name(set.get().value()) + "'");
            }
        }
        return Enum.valueOf(type, annotationValue(annotation, member));
    }

    /** {@return {@code valueMember} in the unit of {@code unitMember}} */
    Duration duration(String annotation, String valueMember, String unitMember) {
        long value = number(annotation, valueMember);
        ChronoUnit unit = constant(annotation, unitMember, ChronoUnit.class);
        try {
            return Duration.of(value, unit);
        } catch (ArithmeticException | java.time.temporal.UnsupportedTemporalTypeException e) {
            problems.add("@" + annotation + " " + valueMember + " = " + value + " " + unit.toString().toLowerCase(Locale.ROOT)
                    + " is not a duration Skein can use: give a smaller value, or a unit of days or shorter");
            return Duration.ZERO;
        }
    }

    /** {@return the exception types of a member: class names separated by commas} */
    List<Class<? extends Throwable>> types(String annotation, String member) {
        Optional<FaultToleranceKeys.Found> set = keys.value(annotation, member);
        String text = set.map(FaultToleranceKeys.Found::value).orElseGet(() -> annotationValue(annotation, member));
        String where = set.map(FaultToleranceKeys.Found::key).orElse("@" + annotation + "(" + member + ")");
        List<Class<? extends Throwable>> types = new ArrayList<>();
        for (String name : text.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                Class<?> type = Class.forName(name.strip(), false, Thread.currentThread().getContextClassLoader());
                if (!Throwable.class.isAssignableFrom(type)) {
                    problems.add(where + " names " + Text.name(name.strip()) + ", which is not a Throwable: name exception types");
                    continue;
                }
                types.add(type.asSubclass(Throwable.class));
            } catch (ClassNotFoundException | LinkageError e) {
                problems.add(where + " names " + Text.name(name.strip()) + ", which cannot be loaded: give the full name of an"
                        + " exception type (e.g. java.io.IOException)");
            }
        }
        return types;
    }

    /** {@return the method's own key that sets {@code member}, if one does} */
    Optional<String> methodKey(String annotation, String member) {
        return keys.methodValue(annotation, member).map(FaultToleranceKeys.Found::key);
    }

    private String annotationValue(String annotation, String member) {
        String v = spec.getValues().get(annotation + "/" + member);
        if (v == null) {
            throw new IllegalStateException("no value recorded for @" + annotation + "(" + member + ") of "
                    + spec.getBeanClass() + "#" + spec.getMethod() + " (a bug in the Skein extension)");
        }
        return v;
    }
}
