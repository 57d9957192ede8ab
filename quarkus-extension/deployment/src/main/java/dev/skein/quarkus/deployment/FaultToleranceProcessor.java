package dev.skein.quarkus.deployment;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.AnnotationsTransformerBuildItem;
import io.quarkus.arc.deployment.BeanArchiveIndexBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import jakarta.enterprise.context.Dependent;
import java.util.HashSet;
import java.util.Set;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationTransformation;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;

/**
 * Fault-tolerance annotations on task methods apply exactly once: Skein reads them from the unmodified
 * index and makes them the task's policy; when {@code quarkus-smallrye-fault-tolerance} is present, they are
 * then taken off the task methods, so that its interceptor is not bound to them and does not apply them a
 * second time (retries squared). Methods with annotations Skein refuses keep theirs: the build fails with
 * Skein's message, and only with it.
 */
class FaultToleranceProcessor {

    /** The interceptor bindings of the fault-tolerance extension (its {@code DotNames.FT_ANNOTATIONS}), and the breaker's name. */
    static final Set<DotName> TAKEN_OFF = Set.of(DotNames.RETRY, DotNames.CIRCUIT_BREAKER, DotNames.RATE_LIMIT,
            DotNames.TIMEOUT, DotNames.BULKHEAD, DotNames.FALLBACK, DotNames.ASYNCHRONOUS, DotNames.ASYNCHRONOUS_NON_BLOCKING,
            DotNames.APPLY_GUARD, DotNames.APPLY_FAULT_TOLERANCE, DotNames.CIRCUIT_BREAKER_NAME);
    /**
     * Annotations the fault-tolerance extension checks against the unmodified index for a {@code @Retry}: a
     * method with one keeps everything (Skein fails the build for it with its own message).
     */
    static final Set<DotName> NEED_RETRY = Set.of(DotNames.EXPONENTIAL_BACKOFF, DotNames.FIBONACCI_BACKOFF,
            DotNames.CUSTOM_BACKOFF, DotNames.RETRY_WHEN, DotNames.BEFORE_RETRY);

    @BuildStep
    void takeOffTaskMethods(Capabilities capabilities, BeanArchiveIndexBuildItem beans,
            BuildProducer<AnnotationsTransformerBuildItem> transformers) {
        if (!capabilities.isPresent(Capability.SMALLRYE_FAULT_TOLERANCE)) {
            return; // no interceptor to keep away
        }
        Set<String> tasks = new HashSet<>();
        for (AnnotationInstance task : beans.getIndex().getAnnotations(DotNames.TASK)) {
            if (task.target().kind() == AnnotationTarget.Kind.METHOD) {
                MethodInfo method = task.target().asMethod();
                if (NEED_RETRY.stream().noneMatch(method::hasDeclaredAnnotation)) {
                    tasks.add(key(method));
                }
            }
        }
        if (!tasks.isEmpty()) {
            transformers.produce(new AnnotationsTransformerBuildItem(AnnotationTransformation.forMethods()
                    .whenMethod(m -> tasks.contains(key(m)))
                    .transform(context -> context.remove(a -> TAKEN_OFF.contains(a.name())))));
        }
    }

    /** Fallback handlers named by tasks are beans ({@code @Dependent} unless they say otherwise), as MicroProfile has it. */
    @BuildStep
    void fallbackHandlers(CombinedIndexBuildItem index, BuildProducer<AdditionalBeanBuildItem> beans) {
        for (AnnotationInstance fallback : index.getIndex().getAnnotations(DotNames.FALLBACK)) {
            AnnotationValue handler = fallback.value();
            if (fallback.target().kind() == AnnotationTarget.Kind.METHOD && fallback.target().asMethod().hasDeclaredAnnotation(DotNames.TASK)
                    && handler != null && !handler.asClass().name().equals(DotNames.FALLBACK_DEFAULT)) {
                beans.produce(AdditionalBeanBuildItem.builder().addBeanClasses(handler.asClass().name().toString())
                        .setUnremovable().setDefaultScope(DotName.createSimple(Dependent.class)).build());
            }
        }
    }

    private static String key(MethodInfo method) {
        return method.declaringClass().name() + "#" + method.name() + method.parameterTypes();
    }
}
