package dev.skein.quarkus.runtime;

import dev.skein.telemetry.ContextCarrier;
import dev.skein.telemetry.SkeinTelemetry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries the CDI request context (the state of its {@code @RequestScoped} beans) of the thread that opens
 * a scope into every branch of it: the branch activates that same state, and deactivates it when its body
 * ends. It never terminates it: the state is the request's, destroyed when the request ends, after the
 * scope has (a scope never ends while a branch runs). What SmallRye Context Propagation's
 * {@code ArcContextProvider} does for a wrapped task, done around a branch.
 */
final class RequestContextCarrier implements ContextCarrier {

    /** Core's carriers cannot be removed: one carrier, reading the running container, serves every start. */
    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    private RequestContextCarrier() {
    }

    /** Registers the carrier with the core, once per class loader (dev mode restarts keep the core's state). */
    static void register() {
        if (REGISTERED.compareAndSet(false, true)) {
            SkeinTelemetry.carry(new RequestContextCarrier());
        }
    }

    @Override
    public Object capture() {
        ArcContainer container = Arc.container();
        return container == null ? null : container.requestContext().getStateIfActive();
    }

    @Override
    public AutoCloseable install(Object captured) {
        ContextState state = (ContextState) captured;
        ArcContainer container = Arc.container();
        if (container == null || !state.isValid()) { // the request ended already: no context beats a dead one
            return null;
        }
        ManagedContext requestContext = container.requestContext();
        ContextState previous = requestContext.getStateIfActive();
        if (previous == state) {
            return null;
        }
        requestContext.activate(state);
        return () -> {
            if (previous != null && previous.isValid()) {
                requestContext.activate(previous);
            } else {
                requestContext.deactivate();
            }
        };
    }
}
