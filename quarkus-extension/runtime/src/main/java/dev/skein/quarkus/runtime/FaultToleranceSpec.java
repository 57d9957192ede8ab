package dev.skein.quarkus.runtime;

import io.quarkus.runtime.annotations.RecordableConstructor;
import java.util.List;
import java.util.Map;

/**
 * The fault-tolerance annotations of one task method, as the build read them: recorded, then resolved
 * against the configuration at start-up into the task's policy and fallback. Values are kept as text
 * under MicroProfile's member keys ({@code Retry/maxRetries}, {@code Timeout/unit}), every member of
 * every annotation present, defaults included, in the form configuration gives them (numbers, enum
 * constant names, class names separated by commas): an annotation value is the last of the sources
 * SmallRye Fault Tolerance reads.
 */
public final class FaultToleranceSpec {

    private final String beanClass;
    private final String method;
    private final List<String> parameterTypes;
    private final List<String> annotations;
    private final Map<String, String> values;
    private final List<String> fallbackParams;
    private final Class<?> fallbackHandler;

    /**
     * @param beanClass the class declaring the method
     * @param method the method's name
     * @param parameterTypes the names of its parameter types ({@link Class#getName()}), for a fallback handler
     * @param annotations the annotations present, by simple name ({@code Retry}, {@code ExponentialBackoff}, ...)
     * @param values every member's value, as text, by {@code <Annotation>/<member>}
     * @param fallbackParams the sources of the fallback method's parameters (as {@link TaskSpec}'s), or null
     * @param fallbackHandler the {@code FallbackHandler} class, or null
     */
    @RecordableConstructor
    public FaultToleranceSpec(String beanClass, String method, List<String> parameterTypes, List<String> annotations,
            Map<String, String> values, List<String> fallbackParams, Class<?> fallbackHandler) {
        this.beanClass = beanClass;
        this.method = method;
        this.parameterTypes = parameterTypes;
        this.annotations = annotations;
        this.values = values;
        this.fallbackParams = fallbackParams;
        this.fallbackHandler = fallbackHandler;
    }

    public String getBeanClass() {
        return beanClass;
    }

    public String getMethod() {
        return method;
    }

    public List<String> getParameterTypes() {
        return parameterTypes;
    }

    public List<String> getAnnotations() {
        return annotations;
    }

    public Map<String, String> getValues() {
        return values;
    }

    public List<String> getFallbackParams() {
        return fallbackParams;
    }

    public Class<?> getFallbackHandler() {
        return fallbackHandler;
    }

    /** {@return whether the method has the annotation of this simple name} */
    boolean has(String annotation) {
        return annotations.contains(annotation);
    }
}
