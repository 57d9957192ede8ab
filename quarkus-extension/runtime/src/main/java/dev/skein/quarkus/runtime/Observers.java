package dev.skein.quarkus.runtime;

import dev.skein.internal.Callbacks;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InjectableObserverMethod;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.spi.EventContext;
import jakarta.enterprise.inject.spi.EventMetadata;
import jakarta.enterprise.inject.spi.InjectionPoint;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;

/**
 * The observers of one event type, resolved once (ArC's observers are fixed when the application
 * starts), and how an event reaches them.
 *
 * <p>Synchronous observers are notified here, one by one in their priority order, each isolated by
 * {@link Callbacks}: CDI's own synchronous {@code fire} would stop at the first that throws and throw at
 * Skein, so that one faulty observer would hide the event from the rest (a health check among them). As
 * CDI does, the request context is activated around them when it is not active. Transactional observers
 * are notified at once (no JTA transaction runs on a task's thread). Asynchronous observers are reached
 * through CDI's {@code fireAsync}, which isolates and logs each of them itself.
 */
final class Observers<T> {

    private static final Set<Annotation> QUALIFIERS = Set.of(Default.Literal.INSTANCE, Any.Literal.INSTANCE);

    private final ArcContainer container;
    private final Class<T> type;
    private final List<InjectableObserverMethod<? super T>> sync;
    private final boolean async;
    /** CDI's event of this type, for the asynchronous observers; null when there are none. */
    private final Event<T> events;
    private final EventMetadata metadata;

    Observers(ArcContainer container, Class<T> type) {
        this.container = container;
        this.type = type;
        List<InjectableObserverMethod<? super T>> all = container.resolveObserverMethods(type,
                QUALIFIERS.toArray(Annotation[]::new));
        this.sync = all.stream().filter(o -> !o.isAsync()).toList();
        this.async = all.stream().anyMatch(InjectableObserverMethod::isAsync);
        this.events = async ? container.beanManager().getEvent().select(type) : null;
        this.metadata = new Metadata(type);
    }

    /** {@return whether any bean observes this type} */
    boolean any() {
        return async || !sync.isEmpty();
    }

    /** Notifies every observer of {@code event}; never throws. */
    void fire(T event) {
        if (!sync.isEmpty()) {
            try {
                notifySync(event);
            } catch (Throwable t) { // activating or ending the request context (a @PreDestroy of a request bean)
                Callbacks.failed("Skein's CDI event " + type.getSimpleName(), t);
            }
        }
        if (async) {
            try {
                events.fireAsync(event);
            } catch (Throwable t) {
                Callbacks.failed("Skein's asynchronous CDI event " + type.getSimpleName(), t);
            }
        }
    }

    private void notifySync(T event) {
        ManagedContext request = container.requestContext();
        boolean activate = !request.isActive();
        if (activate) {
            request.activate();
        }
        try {
            EventContext<T> context = new Context<>(event, metadata);
            for (InjectableObserverMethod<? super T> observer : sync) {
                notify(observer, context);
            }
        } finally {
            if (activate) {
                request.terminate();
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void notify(InjectableObserverMethod<? super T> observer, EventContext<T> context) {
        try {
            ((InjectableObserverMethod) observer).notify(context);
        } catch (Throwable t) {
            Callbacks.failed("observer of " + type.getSimpleName() + " in " + observer.getBeanClass().getName(), t);
        }
    }

    private record Context<T>(T getEvent, EventMetadata getMetadata) implements EventContext<T> {
    }

    /** As CDI's own: qualifiers {@code @Default @Any}, the event's class, no injection point. */
    private record Metadata(Type getType) implements EventMetadata {

        @Override
        public Set<Annotation> getQualifiers() {
            return QUALIFIERS;
        }

        @Override
        public InjectionPoint getInjectionPoint() {
            return null;
        }
    }
}
