package dev.skein.quarkus.runtime;

import io.quarkus.runtime.annotations.RecordableConstructor;
import java.util.List;

/**
 * One task of an annotated graph, as the build found it: recorded, then turned into a core task at
 * start-up. Parameters are given as {@link ArgumentSource}s.
 */
public final class TaskSpec {

    /** How the method returns its result. */
    public static final int PLAIN = 0;
    public static final int UNI = 1;
    public static final int STAGE = 2;

    private final String name;
    private final String method;
    private final Class<?> resultType;
    private final int returns;
    private final List<String> params;
    private final List<String> after;
    private final long timeoutNanos;
    private final boolean optional;
    private final MethodSpec condition;
    private final MethodSpec compensation;
    private final MethodSpec uncertain;
    private final int compensationRetries;
    private final long compensationTimeoutNanos;
    private final String policy;
    private final FaultToleranceSpec faultTolerance;

    /**
     * @param name the task's name
     * @param method the method, as {@code Class#method(Types)}, for messages
     * @param resultType the raw type of its result ({@code Void} for none)
     * @param returns {@link #PLAIN}, {@link #UNI} or {@link #STAGE}
     * @param params where each parameter comes from
     * @param after every task it runs after (those it takes results from included)
     * @param timeoutNanos its timeout, 0 for none
     * @param optional whether it is optional
     * @param condition its condition method, or null for none
     * @param compensation its compensation method, or null for none
     * @param uncertain its uncertain-effect compensation method, or null for none
     * @param compensationRetries compensation retries, negative for the graph's default
     * @param compensationTimeoutNanos each compensation attempt's bound, 0 for the graph's default
     * @param policy a named policy, or null
     * @param faultTolerance its fault-tolerance annotations, or null for none
     */
    @RecordableConstructor
    public TaskSpec(String name, String method, Class<?> resultType, int returns, List<String> params,
            List<String> after, long timeoutNanos, boolean optional, MethodSpec condition, MethodSpec compensation,
            MethodSpec uncertain, int compensationRetries, long compensationTimeoutNanos, String policy,
            FaultToleranceSpec faultTolerance) {
        this.name = name;
        this.method = method;
        this.resultType = resultType;
        this.returns = returns;
        this.params = params;
        this.after = after;
        this.timeoutNanos = timeoutNanos;
        this.optional = optional;
        this.condition = condition;
        this.compensation = compensation;
        this.uncertain = uncertain;
        this.compensationRetries = compensationRetries;
        this.compensationTimeoutNanos = compensationTimeoutNanos;
        this.policy = policy;
        this.faultTolerance = faultTolerance;
    }

    public String getName() {
        return name;
    }

    public String getMethod() {
        return method;
    }

    public Class<?> getResultType() {
        return resultType;
    }

    public int getReturns() {
        return returns;
    }

    public List<String> getParams() {
        return params;
    }

    public List<String> getAfter() {
        return after;
    }

    public long getTimeoutNanos() {
        return timeoutNanos;
    }

    public boolean isOptional() {
        return optional;
    }

    public MethodSpec getCondition() {
        return condition;
    }

    public MethodSpec getCompensation() {
        return compensation;
    }

    public MethodSpec getUncertain() {
        return uncertain;
    }

    public int getCompensationRetries() {
        return compensationRetries;
    }

    public long getCompensationTimeoutNanos() {
        return compensationTimeoutNanos;
    }

    public String getPolicy() {
        return policy;
    }

    public FaultToleranceSpec getFaultTolerance() {
        return faultTolerance;
    }
}
