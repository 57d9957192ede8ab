package dev.skein.quarkus.deployment;

import dev.skein.quarkus.runtime.ArgumentSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;

/**
 * The fault-tolerance annotations of one task method, as {@link FaultToleranceReader} read them.
 *
 * @param annotations the annotations present, by simple name ({@code Retry}, {@code Fallback}, ...)
 * @param values every member's value as text, defaults included, by {@code <Annotation>/<member>}
 * @param strategies whether any annotation but {@code @Fallback} is present
 * @param fallbackMethod the {@code fallbackMethod}, or null
 * @param fallbackTakesFailure whether that method takes the failure as its last parameter
 * @param fallbackHandler the {@code FallbackHandler} class, or null
 * @param fallbackParams the sources of the fallback method's parameters, or null (set once the task's are known)
 */
record ScannedFaultTolerance(List<String> annotations, Map<String, String> values, boolean strategies,
        MethodInfo fallbackMethod, boolean fallbackTakesFailure, DotName fallbackHandler, List<String> fallbackParams) {

    /** {@return this, with the fallback method taking the task's parameters (and the failure)} */
    ScannedFaultTolerance withTaskParams(List<String> taskParams) {
        if (fallbackMethod == null) {
            return this;
        }
        List<String> params = new ArrayList<>(taskParams);
        if (fallbackTakesFailure) {
            params.add(ArgumentSource.FAILURE);
        }
        return new ScannedFaultTolerance(annotations, values, strategies, fallbackMethod, fallbackTakesFailure,
                fallbackHandler, params);
    }
}
