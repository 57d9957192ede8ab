package dev.skein.quarkus.deployment;

import dev.skein.internal.Text;
import dev.skein.policy.RateLimitStore;
import dev.skein.quarkus.runtime.PolicyRecorder;
import io.quarkus.arc.deployment.SyntheticBeansRuntimeInitBuildItem;
import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Produce;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ServiceStartBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.ClassType;
import org.jboss.jandex.DotName;

/**
 * Named policies from {@code quarkus.skein.policy."<name>".*}: defined at start-up, before the graphs;
 * a task naming one that the build cannot see in the configuration fails the build, and so does a shared rate
 * limit the build can see without the application's {@code RateLimitStore} bean to count it in.
 */
class PolicyProcessor {

    static final String PREFIX = "quarkus.skein.policy.";
    private static final String SHARED = ".rate-limit.shared";
    private static final DotName STORE = DotName.createSimple(RateLimitStore.class);

    /**
     * Runs after every step that may report a validation error: among them SmallRye Fault Tolerance's, whose
     * recorder fills the breaker names its {@code CircuitBreakerMaintenance} reads; defining a named breaker
     * before that fails the start with a {@code NullPointerException} in {@code QuarkusExistingCircuitBreakerNames}.
     * And after the synthetic beans are ready, as the application's {@code RateLimitStore} may need one (its data
     * source).
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class)
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

    /** The application's store of shared rate limits is looked up at start-up, never injected: ArC must keep it. */
    @BuildStep
    UnremovableBeanBuildItem keepTheRateLimitStore() {
        return UnremovableBeanBuildItem.beanTypes(STORE);
    }

    /**
     * A policy whose {@code rate-limit.shared=true} the build sees needs one {@code RateLimitStore} bean with no
     * qualifier. (Set at run time only, the start-up checks it, with the same message.)
     */
    @BuildStep
    void checkSharedLimitsHaveAStore(ValidationPhaseBuildItem validation, BuildProducer<ValidationErrorBuildItem> errors) {
        Config config = ConfigProvider.getConfig();
        Set<String> shared = new TreeSet<>();
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(PREFIX) && property.endsWith(SHARED) && isTrue(config, property)) {
                shared.addAll(configuredNames(List.of(property)));
            }
        }
        if (shared.isEmpty()) {
            return;
        }
        Set<BeanInfo> stores = validation.getBeanResolver().resolveBeans(ClassType.create(STORE));
        String problem = null;
        if (stores.isEmpty()) {
            problem = PolicyRecorder.NO_STORE;
        } else if (stores.size() > 1) {
            try {
                validation.getBeanResolver().resolveAmbiguity(stores);
            } catch (RuntimeException ambiguous) {
                problem = "the application has " + stores.size() + " CDI beans of type " + STORE + " (with no qualifier): "
                        + stores.stream().map(BeanInfo::toString).limit(5).toList()
                        + "; keep one, or give the others a qualifier";
            }
        }
        if (problem != null) {
            List<String> problems = new ArrayList<>();
            for (String name : shared) {
                problems.add(PREFIX + "\"" + Text.name(name) + "\"" + SHARED + "=true, but " + problem);
            }
            Problems.report(problems, errors);
        }
    }

    /** {@return whether {@code property} is true, as the configuration reads it; a bad value is the mapping's to report} */
    private static boolean isTrue(Config config, String property) {
        try {
            return config.getOptionalValue(property, Boolean.class).orElse(false);
        } catch (IllegalArgumentException | NoSuchElementException bad) {
            return false;
        }
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
