package dev.skein.quarkus.runtime;

import dev.skein.quarkus.SkeinScope;
import io.quarkus.arc.ArcInvocationContext;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.runtime.BlockingOperationNotAllowedException;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;

/** Runs a {@link SkeinScope} method in a scope of its own; see the annotation for what a call does. */
@SkeinScope
@Interceptor
@Priority(SkeinScopeInterceptor.PRIORITY)
public class SkeinScopeInterceptor {

    /** Early, so that the interceptors after it (transactions, fault tolerance) run on the method's thread. */
    public static final int PRIORITY = Interceptor.Priority.PLATFORM_BEFORE + 50;

    @AroundInvoke
    Object inScope(InvocationContext invocation) throws Exception {
        Method method = invocation.getMethod();
        if (!BlockingOperationControl.isBlockingAllowed()) {
            throw new BlockingOperationNotAllowedException("@SkeinScope method " + method.getDeclaringClass().getName()
                    + "#" + method.getName() + " was called on a Vert.x event loop thread, which must not block, and its"
                    + " caller waits for the scope: make the caller blocking (a REST method that returns a plain type is;"
                    + " else annotate it @Blocking or @RunOnVirtualThread)");
        }
        SkeinScope binding = ArcInvocationContext.findIterceptorBinding(invocation, SkeinScope.class);
        if (binding == null) {
            throw new IllegalStateException("no @SkeinScope binding on " + method + " (a bug in the Skein extension)");
        }
        return ScopeCall.call(ScopeSettings.of(binding, method, ScopeDefaults.current()), invocation::proceed);
    }
}
