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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Runs a {@link SkeinScope} method in a scope of its own; see the annotation for what a call does. */
@SkeinScope
@Interceptor
@Priority(SkeinScopeInterceptor.PRIORITY)
public class SkeinScopeInterceptor {

    /** Early, so that the interceptors after it (transactions, fault tolerance) run on the method's thread. */
    public static final int PRIORITY = Interceptor.Priority.PLATFORM_BEFORE + 50;

    /** One method's settings, made once per method and set of defaults (the annotation is read once). */
    private record Cached(ScopeDefaults defaults, ScopeSettings settings) {
    }

    /**
     * The settings of the methods this interceptor has served. An interceptor instance lives as long as the bean
     * instance it intercepts (it is a dependent object of it): nothing here outlives the application, whose
     * classes these methods are (a static map would keep every class loader of a dev-mode restart).
     */
    private final Map<Method, Cached> settings = new ConcurrentHashMap<>();

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
        return ScopeCall.call(settings(binding, method), invocation::proceed);
    }

    private ScopeSettings settings(SkeinScope binding, Method method) {
        ScopeDefaults defaults = ScopeDefaults.current();
        Cached cached = settings.get(method);
        if (cached == null || cached.defaults() != defaults) {
            cached = new Cached(defaults, ScopeSettings.of(binding, method, defaults));
            settings.put(method, cached);
        }
        return cached.settings();
    }
}
