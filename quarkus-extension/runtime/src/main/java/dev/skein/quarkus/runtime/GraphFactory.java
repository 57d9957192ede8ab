package dev.skein.quarkus.runtime;

import dev.skein.graph.Graph;
import dev.skein.graph.Journal;
import dev.skein.graph.TaskFunction;
import dev.skein.graph.TaskKey;
import dev.skein.graph.TaskOptions;
import dev.skein.internal.Text;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.invoke.Invoker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

/**
 * Builds the core {@link Graph} of an annotated bean from its {@link GraphSpec} and the invokers ArC
 * generated for its methods (no reflection: each invoker calls its method directly, through the bean's
 * contextual instance).
 */
final class GraphFactory {

    /** The invokers of one graph's methods, by role: {@code <task>#task}, {@code #condition}, {@code #compensation}, {@code #uncertain}. */
    interface Invokers {
        Invoker<Object, Object> get(String task, String role);
    }

    private GraphFactory() {
    }

    /** Builds it; durable, recorded by {@code journal}, unless that is null. */
    static AnnotatedGraph<Object, Object> build(GraphSpec spec, Invokers invokers, GraphSettings settings, Journal journal) {
        Map<String, TaskKey<?>> keys = new HashMap<>();
        for (TaskSpec task : spec.getTasks()) {
            keys.put(task.getName(), TaskKey.of(task.getName(), task.getResultType()));
        }
        @SuppressWarnings("unchecked")
        Graph.Builder<Object> builder = Graph.builder(spec.getName(), (Class<Object>) spec.getInputType());
        settings.checkTaskNames(keys.keySet());
        settings.applyTo(builder, site(spec));
        if (journal != null) {
            builder.journal(journal);
        }
        for (TaskSpec task : spec.getTasks()) {
            add(builder, task, keys, invokers, settings);
        }
        Graph<Object> graph = builder.build();
        TaskKey<?> result = spec.getResultTask() == null ? null : keys.get(spec.getResultTask());
        return new AnnotatedGraph<>(graph, result);
    }

    /**
     * {@return where the graph's runs are reported as opened: its class, as {@code @SkeinScope} calls are reported at
     * their method} Given, the core opens each run's scope without walking the caller's stack: the walk, through
     * the caller's framework frames, cost a service about 20 us per run (docs/benchmarks.md, run 9).
     */
    private static StackTraceElement site(GraphSpec spec) {
        return new StackTraceElement(spec.getBeanClass(), "@TaskGraph", null, -1);
    }

    @SuppressWarnings("unchecked")
    private static <T> void add(Graph.Builder<Object> builder, TaskSpec task, Map<String, TaskKey<?>> keys,
            Invokers invokers, GraphSettings settings) {
        TaskKey<T> key = (TaskKey<T>) keys.get(task.getName());
        List<TaskKey<?>> after = new ArrayList<>();
        task.getAfter().forEach(name -> after.add(keys.get(name)));
        Invoker<Object, Object> method = invokers.get(task.getName(), "task");
        Arguments arguments = Arguments.of(task.getParams(), keys);
        TaskFunction<Object, T> function = switch (task.getReturns()) {
            case TaskSpec.UNI -> TaskFunction.ofUni(in -> (Uni<T>) invokeAsync(method, arguments.values(in, null), true));
            case TaskSpec.STAGE -> TaskFunction.ofStage(in -> (CompletionStage<T>) invokeAsync(method, arguments.values(in, null), false));
            default -> in -> (T) method.invoke(null, arguments.values(in, null));
        };
        UnaryOperator<TaskOptions<Object, T>> annotated = options(task, keys, invokers);
        builder.task(key, after, function, o -> settings.applyTo(task.getName(), annotated.apply(o)));
    }

    /** The method's Uni or stage; a synchronous throw becomes its failure, as the method had returned one. */
    private static Object invokeAsync(Invoker<Object, Object> method, Object[] args, boolean uni) {
        try {
            return method.invoke(null, args);
        } catch (Exception e) {
            return uni ? Uni.createFrom().failure(e) : CompletableFuture.failedFuture(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> UnaryOperator<TaskOptions<Object, T>> options(TaskSpec task, Map<String, TaskKey<?>> keys,
            Invokers invokers) {
        return options -> {
            TaskOptions<Object, T> o = options;
            if (task.getTimeoutNanos() > 0) {
                o = o.withTimeout(Duration.ofNanos(task.getTimeoutNanos()));
            }
            if (task.isOptional()) {
                o = o.asOptional();
            }
            if (task.getCondition() != null) {
                Invoker<Object, Object> condition = invokers.get(task.getName(), "condition");
                Arguments arguments = Arguments.of(task.getCondition().getParams(), keys);
                String what = "the condition " + task.getCondition().getMethod() + " of task '" + Text.name(task.getName()) + "'";
                o = o.onlyIf(in -> {
                    Object decided;
                    try {
                        decided = condition.invoke(null, arguments.values(in, null));
                    } catch (RuntimeException | Error e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException(what + " threw", e);
                    }
                    if (decided == null) { // a Boolean: the task fails, rather than with a bare NullPointerException
                        throw new IllegalStateException(what + " returned null: return true or false");
                    }
                    return (Boolean) decided;
                });
            }
            if (task.getCompensation() != null) {
                Invoker<Object, Object> compensation = invokers.get(task.getName(), "compensation");
                int returns = task.getCompensation().getReturns();
                boolean takesResult = task.getResultType() != Void.class;
                o = o.withCompensation(result -> Awaited.value(
                        compensation.invoke(null, takesResult ? new Object[] {result} : new Object[0]), returns));
            }
            if (task.getUncertain() != null) {
                Invoker<Object, Object> uncertain = invokers.get(task.getName(), "uncertain");
                Arguments arguments = Arguments.of(task.getUncertain().getParams(), keys);
                int returns = task.getUncertain().getReturns();
                o = o.withUncertainCompensation((in, why) -> Awaited.value(
                        uncertain.invoke(null, arguments.values(in, why)), returns));
            }
            if (task.getCompensationRetries() >= 0) {
                o = o.withCompensationRetries(task.getCompensationRetries());
            }
            if (task.getCompensationTimeoutNanos() > 0) {
                o = o.withCompensationTimeout(Duration.ofNanos(task.getCompensationTimeoutNanos()));
            }
            if (task.getFaultTolerance() != null) {
                o = TaskFaultTolerance.apply(o, task, keys, invokers);
            }
            if (task.getPolicy() != null) {
                o = o.withPolicy(task.getPolicy());
            }
            return o;
        };
    }
}
