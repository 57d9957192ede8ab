package dev.skein.quarkus.runtime.metrics;

import dev.skein.internal.Callbacks;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.common.Attributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Micrometer meters of one instrument, one per attribute set, registered on first use and kept. At
 * most {@value #MOST} attribute sets: measurements of further ones are dropped (the core's attributes are
 * names users give, so more means a name made from an id). Whatever registering or measuring throws (a
 * meter filter, the registry) is logged once for the instrument and the measurement dropped.
 */
final class TagSets<M> {

    /** The most attribute sets kept per instrument. */
    static final int MOST = 1_000;

    private static final String OUTCOME = "skein.outcome";
    private static final String CANCEL_REASON = "skein.cancel.reason";

    private final String name;
    private final Function<Tags, M> register;
    private final ConcurrentHashMap<Attributes, M> meters = new ConcurrentHashMap<>();
    private final AtomicBoolean warned = new AtomicBoolean();

    TagSets(String name, Function<Tags, M> register) {
        this.name = name;
        this.register = register;
    }

    /** Measures with the meter of {@code attributes}, registering it first if it is new. Never throws. */
    void record(Attributes attributes, Consumer<M> measure) {
        try {
            M meter = meters.get(attributes);
            if (meter == null) {
                if (meters.size() >= MOST) {
                    warnOnce(new IllegalStateException("more than " + MOST + " attribute sets; measurements of new"
                            + " ones are dropped"));
                    return;
                }
                meter = meters.computeIfAbsent(attributes, a -> register.apply(tags(a)));
            }
            measure.accept(meter);
        } catch (Throwable t) {
            warnOnce(t);
        }
    }

    /** Calls {@code action} with each meter registered so far. */
    void forEach(Consumer<M> action) {
        meters.values().forEach(action);
    }

    /** Logs {@code t} the first time only, so that a registry that always throws does not flood the log. */
    void warnOnce(Throwable t) {
        if (warned.compareAndSet(false, true)) {
            Callbacks.failed("Micrometer, recording " + name + " (further failures of it are not logged)", t);
        }
    }

    /**
     * {@return the attributes as tags of the same keys} An outcome without a cancellation reason gets
     * {@code skein.cancel.reason=none}: registries such as Prometheus's want every meter of one name to
     * have the same tag keys, and the core sets the reason only on cancelled branches.
     */
    static Tags tags(Attributes attributes) {
        List<Tag> tags = new ArrayList<>(attributes.size() + 1);
        attributes.forEach((key, value) -> tags.add(Tag.of(key.getKey(), String.valueOf(value))));
        if (tags.stream().anyMatch(t -> t.getKey().equals(OUTCOME))
                && tags.stream().noneMatch(t -> t.getKey().equals(CANCEL_REASON))) {
            tags.add(Tag.of(CANCEL_REASON, "none"));
        }
        return Tags.of(tags);
    }
}
