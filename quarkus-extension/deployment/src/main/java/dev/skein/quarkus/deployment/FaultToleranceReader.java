package dev.skein.quarkus.deployment;

import dev.skein.internal.Text;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.faulttolerance.api.RateLimit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/**
 * Reads the fault-tolerance annotations of a task method from the unmodified index: each member's value
 * (the annotation's default where it is not given), checked for what the core's policies can do. A member
 * with no equivalent in the core, an annotation Skein cannot honour, a value out of range, a fallback that
 * does not fit the task: each is a problem naming the method and the fix, never silently ignored.
 */
final class FaultToleranceReader {

    /** The annotations that become a task's policy and fallback, with their members' defaults. */
    private static final IndexView API = index(Retry.class, CircuitBreaker.class, Timeout.class, Bulkhead.class,
            Fallback.class, RateLimit.class, ExponentialBackoff.class);
    private static final List<DotName> READ = List.of(DotNames.RETRY, DotNames.EXPONENTIAL_BACKOFF,
            DotNames.CIRCUIT_BREAKER, DotNames.RATE_LIMIT, DotNames.TIMEOUT, DotNames.BULKHEAD, DotNames.FALLBACK);
    private static final String NAMED_POLICY = "name a Skein policy with @Task(policy = \"...\") and configure it under"
            + " quarkus.skein.policy.\"...\"";
    /** Annotations a task cannot have, and why. */
    private static final Map<DotName, String> REFUSED = refused();
    /** Members with no equivalent in the core's policies, and what to do instead; setting one is a problem. */
    private static final Map<String, String> UNSUPPORTED_MEMBERS = Map.of(
            "Retry/maxDuration", "a task's retries are bounded by the run's deadline and the task's own timeout: remove"
                    + " it, and bound the task with @Task(timeout = \"...\") or the run with a deadline",
            "Retry/durationUnit", "a task's retries are bounded by the run's deadline and the task's own timeout: remove it",
            "CircuitBreaker/failOn", "a task's breaker counts every failure: remove it (a task that should not count an"
                    + " exception as a failure can return a value instead)",
            "CircuitBreaker/skipOn", "a task's breaker counts every failure: remove it (a task that should not count an"
                    + " exception as a failure can return a value instead)",
            "Bulkhead/waitingTaskQueue", "a task calls through its bulkhead synchronously on its own thread, so there is"
                    + " no queue: remove it");
    /** The least value of numeric members (MicroProfile's rules, and the core's). */
    private static final Map<String, Long> LEAST = Map.ofEntries(Map.entry("Retry/maxRetries", 0L),
            Map.entry("Retry/delay", 0L), Map.entry("Retry/jitter", 0L), Map.entry("ExponentialBackoff/factor", 1L),
            Map.entry("ExponentialBackoff/maxDelay", 0L), Map.entry("CircuitBreaker/delay", 0L),
            Map.entry("CircuitBreaker/requestVolumeThreshold", 1L), Map.entry("CircuitBreaker/successThreshold", 1L),
            Map.entry("RateLimit/value", 1L), Map.entry("RateLimit/window", 1L), Map.entry("RateLimit/minSpacing", 0L),
            Map.entry("Timeout/value", 1L), Map.entry("Bulkhead/value", 1L));

    private final boolean faultToleranceExtension;
    private final IndexView index;
    private final List<String> problems;

    /**
     * @param faultToleranceExtension whether {@code quarkus-smallrye-fault-tolerance} is in the application
     * @param index the application's index, for fallback handlers
     * @param problems where problems go
     */
    FaultToleranceReader(boolean faultToleranceExtension, IndexView index, List<String> problems) {
        this.faultToleranceExtension = faultToleranceExtension;
        this.index = index;
        this.problems = problems;
    }

    /** Reports fault-tolerance annotations on the class of a task bean: they would apply to its tasks too. */
    void checkClass(ClassInfo bean) {
        Stream.concat(READ.stream(), REFUSED.keySet().stream()).filter(a -> bean.declaredAnnotation(a) != null).forEach(a ->
                problems.add(bean.name() + " has @" + a.withoutPackagePrefix() + " on the class, which would apply to its"
                        + " @Task methods too: Skein reads fault-tolerance annotations from task methods only; put @"
                        + a.withoutPackagePrefix() + " on each method that needs it instead"));
    }

    /** {@return the task's fault-tolerance annotations, or null when it has none (or they have problems)} */
    ScannedFaultTolerance read(MethodInfo task, ClassInfo bean) {
        int before = problems.size();
        REFUSED.forEach((annotation, fix) -> {
            if (task.declaredAnnotation(annotation) != null) {
                problems.add(GraphScanner.describe(task) + " has @" + annotation.withoutPackagePrefix()
                        + ", which a task cannot have: " + fix);
            }
        });
        List<String> present = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        for (DotName name : READ) {
            AnnotationInstance annotation = task.declaredAnnotation(name);
            if (annotation != null) {
                present.add(name.withoutPackagePrefix());
                readMembers(task, annotation, values);
            }
        }
        if (present.contains("ExponentialBackoff") && !present.contains("Retry")) {
            problems.add(GraphScanner.describe(task) + " has @ExponentialBackoff but no @Retry: add @Retry, whose delay"
                    + " it grows, or remove it");
        }
        if (present.contains("ExponentialBackoff") && faultToleranceExtension) {
            problems.add(GraphScanner.describe(task) + " has @ExponentialBackoff, which Skein cannot take from the method"
                    + " while quarkus-smallrye-fault-tolerance is present (that extension checks backoff annotations on the"
                    + " unmodified classes and would see one without its @Retry): " + NAMED_POLICY
                    + ".retry.* and .exponential-backoff.*, and remove @Retry and @ExponentialBackoff from the method");
        }
        MethodInfo fallbackMethod = null;
        boolean takesFailure = false;
        DotName handler = null;
        AnnotationInstance fallback = task.declaredAnnotation(DotNames.FALLBACK);
        if (fallback != null) {
            AnnotationValue method = fallback.value("fallbackMethod");
            AnnotationValue value = fallback.value();
            boolean hasHandler = value != null && !value.asClass().name().equals(DotNames.FALLBACK_DEFAULT);
            boolean hasMethod = method != null && !method.asString().isEmpty();
            if (hasHandler == hasMethod) {
                problems.add(GraphScanner.describe(task) + " has @Fallback with " + (hasHandler ? "both a handler class and"
                        + " a fallbackMethod: keep one" : "neither a handler class nor a fallbackMethod: give one"));
            } else if (hasMethod) {
                fallbackMethod = fallbackMethod(task, bean, method.asString());
                takesFailure = fallbackMethod != null && fallbackMethod.parametersCount() > task.parametersCount();
            } else {
                handler = value.asClass().name();
                checkHandler(task, handler);
            }
        }
        if (present.isEmpty() || problems.size() > before) {
            return null;
        }
        return new ScannedFaultTolerance(present, values, present.stream().anyMatch(a -> !a.equals("Fallback")),
                fallbackMethod, takesFailure, handler, null);
    }

    private void readMembers(MethodInfo task, AnnotationInstance annotation, Map<String, String> values) {
        String simple = annotation.name().withoutPackagePrefix();
        ClassInfo type = API.getClassByName(annotation.name());
        for (MethodInfo member : type.methods()) {
            String key = simple + "/" + member.name();
            AnnotationValue given = annotation.value(member.name());
            if (given != null && UNSUPPORTED_MEMBERS.containsKey(key)) {
                problems.add(GraphScanner.describe(task) + " has @" + simple + "(" + member.name() + " = ...), which Skein"
                        + " cannot honour: " + UNSUPPORTED_MEMBERS.get(key));
                continue;
            }
            if (simple.equals("Fallback") && (member.name().equals("value") || member.name().equals("fallbackMethod"))) {
                continue; // read as the fallback itself
            }
            AnnotationValue v = given != null ? given : member.defaultValue();
            String text = text(v);
            values.put(key, text);
            if (given != null) {
                check(task, simple, member.name(), v, text);
            }
        }
    }

    /** Checks a given value against MicroProfile's and the core's rules. */
    private void check(MethodInfo task, String annotation, String member, AnnotationValue v, String text) {
        Long least = LEAST.get(annotation + "/" + member);
        if (least != null && v.asLong() < least) {
            problems.add(GraphScanner.describe(task) + " has @" + annotation + "(" + member + " = " + text + "): it must be "
                    + least + " or more" + (member.equals("maxRetries")
                            ? " (MicroProfile's -1, retry forever, is left to the run's deadline, which bounds every retry: give a number)"
                            : ""));
        }
        if (member.equals("failureRatio") && !(v.asDouble() >= 0 && v.asDouble() <= 1)) {
            problems.add(GraphScanner.describe(task) + " has @CircuitBreaker(failureRatio = " + text + "): it must be from 0 to 1");
        }
        if (v.kind() == AnnotationValue.Kind.ENUM && v.asEnumType().toString().equals(ChronoUnit.class.getName())) {
            ChronoUnit unit = ChronoUnit.valueOf(text);
            if (unit.isDurationEstimated() && unit != ChronoUnit.DAYS) {
                problems.add(GraphScanner.describe(task) + " has @" + annotation + "(" + member + " = " + text + "): a unit of"
                        + " days or shorter, please (longer ones have no exact length)");
            }
        }
    }

    /** {@return the bean's method called {@code name} taking the task's parameters (and a Throwable), or null} */
    private MethodInfo fallbackMethod(MethodInfo task, ClassInfo bean, String name) {
        List<String> taskTypes = task.parameterTypes().stream().map(t -> GraphScanner.key(GraphScanner.boxed(t))).toList();
        List<String> withFailure = new ArrayList<>(taskTypes);
        withFailure.add(DotNames.THROWABLE.toString());
        List<MethodInfo> fitting = bean.methods().stream().filter(m -> m.name().equals(name)).filter(m -> {
            List<String> types = m.parameterTypes().stream().map(t -> GraphScanner.key(GraphScanner.boxed(t))).toList();
            return types.equals(taskTypes) || types.equals(withFailure);
        }).toList();
        String wanted = name + "(" + String.join(", ", taskTypes) + ")";
        if (fitting.size() != 1) {
            problems.add(GraphScanner.describe(task) + " has @Fallback(fallbackMethod = \"" + Text.name(name) + "\"), but "
                    + bean.name() + " has " + (fitting.isEmpty() ? "no" : fitting.size()) + " method " + wanted
                    + (fitting.isEmpty() ? "" : "s") + ": add one method of the bean taking the task's parameters (and"
                    + " optionally a Throwable last, the failure)");
            return null;
        }
        MethodInfo m = fitting.getFirst();
        if (!GraphScanner.key(GraphScanner.boxed(m.returnType())).equals(GraphScanner.key(GraphScanner.boxed(task.returnType())))) {
            problems.add(GraphScanner.describe(m) + ", the fallback of " + GraphScanner.describe(task) + ", returns "
                    + m.returnType() + ": it must return what the task returns, " + task.returnType());
        }
        if (Modifier.isPrivate(m.flags()) || Modifier.isStatic(m.flags())) {
            problems.add(GraphScanner.describe(m) + ", the fallback of " + GraphScanner.describe(task) + ", is "
                    + (Modifier.isPrivate(m.flags()) ? "private" : "static") + ": Skein calls it through the bean, so make it"
                    + " a package-private, protected or public instance method");
        }
        return m;
    }

    /** Checks that a handler the index knows handles what the task returns. */
    private void checkHandler(MethodInfo task, DotName handler) {
        ClassInfo info = index.getClassByName(handler);
        if (info == null) {
            return; // not in the application: ArC reports it if it is no bean
        }
        for (Type implemented : info.interfaceTypes()) {
            if (implemented.name().equals(DotNames.FALLBACK_HANDLER) && implemented.kind() == Type.Kind.PARAMETERIZED_TYPE) {
                Type handled = implemented.asParameterizedType().arguments().getFirst();
                if (!GraphScanner.key(handled).equals(GraphScanner.key(GraphScanner.boxed(task.returnType())))) {
                    problems.add(GraphScanner.describe(task) + " has @Fallback(" + handler.withoutPackagePrefix() + ".class),"
                            + " a FallbackHandler<" + handled + ">: it must handle what the task returns, "
                            + GraphScanner.boxed(task.returnType()));
                }
            }
        }
    }

    /** {@return a member's value as configuration gives it: a number, an enum constant, class names and commas} */
    private static String text(AnnotationValue v) {
        return switch (v.kind()) {
            case ENUM -> v.asEnum();
            case CLASS -> v.asClass().name().toString();
            case ARRAY -> Stream.of(v.asClassArray()).map(t -> t.name().toString()).collect(Collectors.joining(","));
            default -> v.value().toString();
        };
    }

    private static Map<DotName, String> refused() {
        String backoff = "Skein's retry waits a constant delay, or one that grows with @ExponentialBackoff: use that, or"
                + " remove it";
        String async = "Skein runs every task on a virtual thread of its own already: remove it";
        return Map.of(DotNames.FIBONACCI_BACKOFF, backoff, DotNames.CUSTOM_BACKOFF, backoff,
                DotNames.RETRY_WHEN, "Skein retries on exception types: use @Retry(retryOn = ..., abortOn = ...)",
                DotNames.BEFORE_RETRY, "Skein has no hook before a retry: observe retries with a PolicyListener"
                        + " (Policies.addListener), and remove it",
                DotNames.ASYNCHRONOUS, async, DotNames.ASYNCHRONOUS_NON_BLOCKING, async,
                DotNames.APPLY_GUARD, "a task runs through a Skein policy instead: " + NAMED_POLICY,
                DotNames.APPLY_FAULT_TOLERANCE, "a task runs through a Skein policy instead: " + NAMED_POLICY,
                DotNames.CIRCUIT_BREAKER_NAME, "a task's breaker is its own; for a breaker shared by name, whose state can be"
                        + " read, " + NAMED_POLICY + ".circuit-breaker.*");
    }

    private static IndexView index(Class<?>... annotations) {
        try {
            return Index.of(annotations);
        } catch (IOException e) {
            throw new UncheckedIOException("Skein: cannot index the fault-tolerance annotations", e);
        }
    }
}
