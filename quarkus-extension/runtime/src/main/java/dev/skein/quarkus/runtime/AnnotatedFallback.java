package dev.skein.quarkus.runtime;

import dev.skein.graph.TaskFallback;
import dev.skein.graph.TaskInputs;
import dev.skein.graph.TaskKey;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import jakarta.enterprise.invoke.Invoker;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;

/**
 * A task's {@code @Fallback} as the core's fallback: a method of the same bean, called through its
 * invoker with the task's arguments (and the failure, when it takes a {@code Throwable} last), or a
 * {@code FallbackHandler} bean. It applies, as in SmallRye, unless the failure or one of its causes is a
 * {@code skipOn} type, and only when one is an {@code applyOn} type ({@code skipOn} wins); never to a
 * cancellation (the core's rule). A fallback that returns a {@code Uni} or a stage, as its task does, is
 * awaited on the task's thread.
 */
final class AnnotatedFallback {

    /** The most causes looked at, as the core's retry does. */
    private static final int MOST_CAUSES = 32;

    private AnnotatedFallback() {
    }

    static Optional<TaskFallback<Object, Object>> of(TaskSpec task, MemberValues m, Map<String, TaskKey<?>> keys,
            GraphFactory.Invokers invokers) {
        FaultToleranceSpec spec = task.getFaultTolerance();
        if (!m.enabled("Fallback")) {
            return Optional.empty();
        }
        List<Class<? extends Throwable>> applyOn = m.types("Fallback", "applyOn");
        List<Class<? extends Throwable>> skipOn = m.types("Fallback", "skipOn");
        Recovery recovery;
        if (spec.getFallbackParams() != null) {
            Invoker<Object, Object> method = invokers.get(task.getName(), "fallback");
            Arguments arguments = Arguments.of(spec.getFallbackParams(), keys);
            recovery = (in, failure) -> method.invoke(null, arguments.values(in, failure));
        } else {
            Supplier<InstanceHandle<FallbackHandler<Object>>> handler = handler(spec, task);
            Method method = taskMethod(spec);
            Arguments arguments = Arguments.of(task.getParams(), keys);
            recovery = (in, failure) -> {
                try (InstanceHandle<FallbackHandler<Object>> instance = handler.get()) { // @Dependent: one per call, destroyed after
                    return instance.get().handle(new Context(method, arguments.values(in, null), failure));
                }
            };
        }
        int returns = task.getReturns();
        return Optional.of((in, failure) -> {
            if (!applies(failure, applyOn, skipOn)) {
                throw rethrow(failure);
            }
            return Awaited.value(recovery.recover(in, failure), returns);
        });
    }

    /** The fallback's value before it is awaited. */
    private interface Recovery {
        Object recover(TaskInputs<Object> in, Throwable failure) throws Exception;
    }

    /** {@return what makes an instance of the task's fallback handler bean} Resolved once, at start-up. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Supplier<InstanceHandle<FallbackHandler<Object>>> handler(FaultToleranceSpec spec, TaskSpec task) {
        Supplier handler = Arc.container().beanInstanceSupplier(spec.getFallbackHandler());
        if (handler == null) {
            throw new IllegalStateException("the fallback handler " + spec.getFallbackHandler().getName() + " of "
                    + task.getMethod() + " is not a bean (a bug in the Skein extension)");
        }
        return handler;
    }

    /** {@return the task's method, as a {@code FallbackHandler}'s {@code ExecutionContext} gives it} Looked up once, at start-up. */
    private static Method taskMethod(FaultToleranceSpec spec) {
        try {
            Class<?> bean = Class.forName(spec.getBeanClass(), false, Thread.currentThread().getContextClassLoader());
            for (Method m : bean.getDeclaredMethods()) {
                if (m.getName().equals(spec.getMethod()) && Arrays.stream(m.getParameterTypes()).map(Class::getName)
                        .toList().equals(spec.getParameterTypes())) {
                    return m;
                }
            }
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + spec.getBeanClass(), e);
        }
        throw new IllegalStateException("no method " + spec.getMethod() + spec.getParameterTypes() + " in "
                + spec.getBeanClass() + " (a bug in the Skein extension)");
    }

    /**
     * SmallRye's rule ({@code SetBasedExceptionDecision}, causes included): the failure's own type first,
     * {@code skipOn} before a {@code applyOn} that is not the default; then its causes, {@code skipOn}
     * first; neither: no fallback.
     */
    static boolean applies(Throwable failure, List<Class<? extends Throwable>> applyOn, List<Class<? extends Throwable>> skipOn) {
        if (isOneOf(failure.getClass(), skipOn)) {
            return false;
        }
        if (!applyOn.equals(List.of(Throwable.class)) && isOneOf(failure.getClass(), applyOn)) {
            return true;
        }
        return !anyCause(failure, skipOn) && anyCause(failure, applyOn);
    }

    private static boolean anyCause(Throwable failure, List<Class<? extends Throwable>> types) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int depth = 0;
        try {
            for (Throwable t = failure; t != null && depth < MOST_CAUSES && seen.add(t); t = t.getCause(), depth++) {
                if (isOneOf(t.getClass(), types)) {
                    return true;
                }
            }
        } catch (Throwable hostile) { // a getCause() that throws, even an Error: the causes it hides cannot match, and
            // the task's own failure is what the run reports
            return false;
        }
        return false;
    }

    private static boolean isOneOf(Class<?> type, List<Class<? extends Throwable>> types) {
        for (Class<? extends Throwable> t : types) {
            if (t.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    private static Exception rethrow(Throwable t) {
        if (t instanceof Error e) {
            throw e;
        }
        return t instanceof Exception e ? e : new UndeclaredThrowableException(t);
    }

    /** What a {@code FallbackHandler} is given: the task method, its arguments, the failure. */
    private record Context(Method method, Object[] parameters, Throwable failure) implements ExecutionContext {

        @Override
        public Method getMethod() {
            return method;
        }

        @Override
        public Object[] getParameters() {
            return parameters.clone();
        }

        @Override
        public Throwable getFailure() {
            return failure;
        }
    }
}
