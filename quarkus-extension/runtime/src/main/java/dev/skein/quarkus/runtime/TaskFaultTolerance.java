package dev.skein.quarkus.runtime;

import dev.skein.PolicyDefinitionException;
import dev.skein.graph.TaskFallback;
import dev.skein.graph.TaskKey;
import dev.skein.graph.TaskOptions;
import dev.skein.internal.Text;
import dev.skein.policy.Policy;
import dev.skein.policy.PolicyConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Gives a task the policy and the fallback of its fault-tolerance annotations, configured at start-up
 * from MicroProfile Config with the keys SmallRye Fault Tolerance reads ({@link FaultToleranceKeys}).
 * Every problem of the task (a value that does not parse, a key Skein cannot honour, a parameter the
 * core refuses) is reported at once, and start-up fails.
 */
final class TaskFaultTolerance {

    private TaskFaultTolerance() {
    }

    @SuppressWarnings("unchecked")
    static <T> TaskOptions<Object, T> apply(TaskOptions<Object, T> options, TaskSpec task, Map<String, TaskKey<?>> keys,
            GraphFactory.Invokers invokers) {
        FaultToleranceSpec spec = task.getFaultTolerance();
        List<String> problems = new ArrayList<>();
        MemberValues members = new MemberValues(spec,
                new FaultToleranceKeys(ConfigProvider.getConfig(), spec.getBeanClass(), spec.getMethod()), problems);
        Optional<UnaryOperator<PolicyConfig>> configure = AnnotatedPolicy.of(members, problems);
        Optional<TaskFallback<Object, Object>> fallback = AnnotatedFallback.of(task, members, keys, invokers);
        Policy policy = null;
        if (problems.isEmpty() && configure.isPresent()) {
            try {
                policy = Policy.of(configure.get());
            } catch (PolicyDefinitionException e) {
                e.problems().forEach(p -> problems.add(p + " (from the annotation, or the configuration key that sets it)"));
            }
        }
        if (!problems.isEmpty()) {
            StringBuilder s = new StringBuilder("Skein: the fault-tolerance annotations of task '").append(Text.name(task.getName()))
                    .append("' (").append(task.getMethod()).append(") and their configuration have ")
                    .append(problems.size()).append(problems.size() == 1 ? " problem:" : " problems:");
            problems.stream().limit(50).forEach(p -> s.append("\n  - ").append(p));
            throw new ConfigurationException(s.toString());
        }
        TaskOptions<Object, T> o = policy == null ? options : options.withPolicy(policy);
        return fallback.isEmpty() ? o : o.withFallback((TaskFallback<Object, T>) (TaskFallback<?, ?>) fallback.get());
    }
}
