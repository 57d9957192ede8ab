package dev.skein.quarkus.runtime;

import io.quarkus.runtime.annotations.RecordableConstructor;
import java.util.List;

/** A method serving a task (its condition, compensation or uncertain-effect compensation), as the build found it. */
public final class MethodSpec {

    private final String method;
    private final List<String> params;
    private final int returns;

    /**
     * @param method the method, as {@code Class#method(Types)}, for messages
     * @param params where each parameter comes from ({@link ArgumentSource}s); none for a compensation, which is
     *        given the task's result when the task has one
     * @param returns how it returns: {@link TaskSpec#PLAIN}, {@link TaskSpec#UNI} or {@link TaskSpec#STAGE}
     */
    @RecordableConstructor
    public MethodSpec(String method, List<String> params, int returns) {
        this.method = method;
        this.params = params;
        this.returns = returns;
    }

    public String getMethod() {
        return method;
    }

    public List<String> getParams() {
        return params;
    }

    public int getReturns() {
        return returns;
    }
}
