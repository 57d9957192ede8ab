package dev.skein.quarkus.deployment;

import dev.skein.internal.Text;
import dev.skein.quarkus.runtime.PolicyRecorder;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Produce;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Named policies from {@code quarkus.skein.policy."<name>".*}: defined at start-up, before the graphs;
 * a task naming one that the build cannot see in the configuration fails the build.
 */
class PolicyProcessor {

    static final String PREFIX = "quarkus.skein.policy.";

    /**
     * Runs after every step that may report a validation error: among them SmallRye Fault Tolerance's, whose
     * recorder fills the breaker names its {@code CircuitBreakerMaintenance} reads; defining a named breaker
     * before that fails the start with a {@code NullPointerException} in {@code QuarkusExistingCircuitBreakerNames}.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Produce(NamedPoliciesBuildItem.class)
    ServiceStartBuildItem define(PolicyRecorder recorder, ShutdownContextBuildItem shutdown,
            List<ValidationErrorBuildItem> afterFaultToleranceIsReady) {
        recorder.defineNamedPolicies(shutdown);
        return SkeinProcessor.started();
    }

    /** Every {@code @Task(policy = "x")} must name a policy configured where the build sees it. */
    @BuildStep
    void checkNames(List<TaskGraphBuildItem> graphs, BuildProducer<ValidationErrorBuildItem> errors) {
        Set<String> configured = configuredNames(ConfigProvider.getConfig().getPropertyNames());
        List<String> problems = new ArrayList<>();
        for (TaskGraphBuildItem graph : graphs) {
            for (ScannedGraph.ScannedTask task : graph.graph().tasks()) {
                String name = task.policy();
                if (name != null && !configured.contains(name)) {
                    String key = PREFIX + "\"" + Text.name(name) + "\"";
                    problems.add(GraphScanner.describe(task.method()) + " names policy '"
                            + Text.name(name) + "', which is not configured: add it to application.properties, e.g. "
                            + key + ".retry.max-retries=3 (keys: " + key + ".retry.*, .circuit-breaker.*, .rate-limit.*,"
                            + " .timeout.*, .bulkhead.*); a policy defined in code with Policies.define is not visible to"
                            + " the build: define it in configuration" + (configured.isEmpty() ? ""
                                    : "; configured: " + configured.stream().limit(20).map(Text::name).toList()));
                }
            }
        }
        Problems.report(problems, errors);
    }

    /** {@return the policy names in {@code quarkus.skein.policy."<name>".<key>} (or unquoted) property names} */
    static Set<String> configuredNames(Iterable<String> propertyNames) {
        Set<String> names = new TreeSet<>();
        for (String property : propertyNames) {
            if (!property.startsWith(PREFIX)) {
                continue;
            }
            String rest = property.substring(PREFIX.length());
            if (rest.startsWith("\"")) {
                int end = rest.indexOf('"', 1);
                if (end > 1) {
                    names.add(rest.substring(1, end));
                }
            } else if (rest.indexOf('.') > 0) {
                names.add(rest.substring(0, rest.indexOf('.')));
            }
        }
        return names;
    }
}
