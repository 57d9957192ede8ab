package dev.skein.quarkus.deployment;

import java.util.List;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

/**
 * An annotated graph as the build step read it from the index: what the runtime needs (a
 * {@code GraphSpec} is made from it) and what the invokers need (the methods).
 *
 * @param name the graph's name
 * @param bean the bean class
 * @param inputType the input type, or null when no task takes the input
 * @param tasks the tasks, in declaration order
 * @param resultTask the one last task, or null when there are several or it is optional or conditional
 * @param resultType the handle's result type: that task's result, or {@code RunReport}
 * @param durable whether {@code @TaskGraph(durable = true)}
 */
record ScannedGraph(String name, ClassInfo bean, Type inputType, List<ScannedTask> tasks, String resultTask,
        Type resultType, boolean durable) {

    /**
     * One task.
     *
     * @param name its name
     * @param method its method
     * @param resultType what it produces ({@code Void} for nothing), unwrapped from {@code Uni} or a stage
     * @param returns {@code TaskSpec.PLAIN}, {@code UNI} or {@code STAGE}
     * @param params the sources of its parameters
     * @param after every task it runs after
     * @param timeoutNanos its timeout, 0 for none
     * @param optional whether it is optional
     * @param condition its condition method, or null
     * @param conditionParams the condition's parameter sources, or null
     * @param compensation its compensation method, or null
     * @param uncertain its uncertain-effect compensation method, or null
     * @param uncertainParams that method's parameter sources, or null
     * @param compensationRetries compensation retries, -1 for the default
     * @param compensationTimeoutNanos a compensation attempt's bound, 0 for the default
     * @param policy a named policy, or null
     * @param faultTolerance its fault-tolerance annotations, or null for none
     */
    record ScannedTask(String name, MethodInfo method, Type resultType, int returns, List<String> params,
            List<String> after, long timeoutNanos, boolean optional, MethodInfo condition, List<String> conditionParams,
            MethodInfo compensation, MethodInfo uncertain, List<String> uncertainParams, int compensationRetries,
            long compensationTimeoutNanos, String policy, ScannedFaultTolerance faultTolerance) {
    }
}
