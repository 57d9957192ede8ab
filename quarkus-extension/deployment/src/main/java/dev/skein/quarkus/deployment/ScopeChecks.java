package dev.skein.quarkus.deployment;

import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.Durations;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;

/**
 * The build-time checks of {@code @SkeinScope}: its values, and methods it cannot serve. Every problem is
 * collected, each naming the class or method and the fix. (ArC itself fails the build for the binding on a
 * private method.)
 */
final class ScopeChecks {

    /** Return types whose work would run after the scope had closed. */
    private static final Set<DotName> ASYNC = Set.of(DotNames.UNI, DotNames.MULTI, DotNames.COMPLETION_STAGE,
            DotNames.COMPLETABLE_FUTURE, DotNames.FLOW_PUBLISHER);

    private static final DotName INTERCEPTOR = DotName.createSimple("jakarta.interceptor.Interceptor");

    private ScopeChecks() {
    }

    /** {@return every problem of every {@code @SkeinScope} in {@code index}, without the "Skein: " prefix} */
    static List<String> problems(IndexView index) {
        List<String> problems = new ArrayList<>();
        for (AnnotationInstance scope : index.getAnnotations(DotNames.SKEIN_SCOPE)) {
            AnnotationTarget target = scope.target();
            if (target.kind() == AnnotationTarget.Kind.METHOD) {
                MethodInfo method = target.asMethod();
                String where = "@SkeinScope on " + GraphScanner.describe(method);
                values(scope, where, problems);
                returnType(method, where, problems);
            } else if (target.kind() == AnnotationTarget.Kind.CLASS) {
                ClassInfo type = target.asClass();
                values(scope, "@SkeinScope on " + type.name(), problems);
                for (MethodInfo method : type.methods()) {
                    if (intercepted(method) && !method.hasDeclaredAnnotation(DotNames.SKEIN_SCOPE)) {
                        returnType(method, "@SkeinScope on " + type.name() + " applies to " + GraphScanner.describe(method)
                                + ", which", problems);
                    }
                }
            }
        }
        return problems;
    }

    /**
     * {@return the name of every scope {@code @SkeinScope} opens: the names given, and {@code Class.method} for
     * each method it applies to without one} On a class: the methods of the class, of its superclasses and of
     * its subclasses in the index, as any of them may be called on a bean it binds. Generous rather than short:
     * a configuration key naming none of these fails the start.
     */
    static Set<String> names(IndexView index) {
        Set<String> names = new TreeSet<>();
        for (AnnotationInstance scope : index.getAnnotations(DotNames.SKEIN_SCOPE)) {
            AnnotationTarget target = scope.target();
            AnnotationValue name = scope.value("name");
            boolean named = name != null && !name.asString().isEmpty();
            if (target.kind() == AnnotationTarget.Kind.METHOD) {
                names.add(named ? name.asString() : defaultName(target.asMethod()));
            } else if (target.kind() == AnnotationTarget.Kind.CLASS && !target.asClass().hasDeclaredAnnotation(INTERCEPTOR)) {
                if (named) {
                    names.add(name.asString());
                    continue;
                }
                List<ClassInfo> classes = new ArrayList<>(index.getAllKnownSubclasses(target.asClass().name()));
                for (ClassInfo c = target.asClass(); c != null; c = superclass(index, c)) {
                    classes.add(c);
                }
                for (ClassInfo c : classes) {
                    c.methods().stream().filter(ScopeChecks::intercepted).forEach(m -> names.add(defaultName(m)));
                }
            }
        }
        return names;
    }

    private static ClassInfo superclass(IndexView index, ClassInfo type) {
        return type.superName() == null ? null : index.getClassByName(type.superName());
    }

    /** As {@code ScopeSettings} names a scope: the declaring class's simple name and the method's. */
    private static String defaultName(MethodInfo method) {
        return method.declaringClass().simpleName() + "." + method.name();
    }

    private static void values(AnnotationInstance scope, String where, List<String> problems) {
        AnnotationValue name = scope.value("name");
        if (name != null && !name.asString().isEmpty() && name.asString().isBlank()) {
            problems.add(where + ": name must not be blank: leave it out for the class's and the method's names");
        }
        AnnotationValue timeout = scope.value("timeout");
        if (timeout != null && !timeout.asString().isEmpty()) {
            try {
                Durations.positive("timeout", timeout.asString());
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        AnnotationValue max = scope.value("maxConcurrency");
        if (max != null && max.asInt() < 0) {
            problems.add(where + ": maxConcurrency must be at least 1, or 0 for the configured default (none unless "
                    + "configured), was " + max.asInt());
        }
    }

    private static void returnType(MethodInfo method, String where, List<String> problems) {
        DotName returned = method.returnType().name();
        if (ASYNC.contains(returned)) {
            problems.add(where + " returns a " + Text.name(returned.local()) + ": its work would run after the scope "
                    + "had closed, out of its deadline and context; return the value itself (the method runs on a "
                    + "virtual thread, where blocking is fine)");
        }
    }

    private static boolean intercepted(MethodInfo method) {
        return !method.isConstructor() && !method.isStaticInitializer() && !method.isSynthetic()
                && !Modifier.isPrivate(method.flags()) && !Modifier.isStatic(method.flags());
    }
}
