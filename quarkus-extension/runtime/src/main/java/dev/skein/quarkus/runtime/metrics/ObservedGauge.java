package dev.skein.quarkus.runtime.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * An OpenTelemetry long gauge with a callback, as Micrometer gauges: one per attribute set the callback
 * reports, each reading its value from a fresh call of the callback. Sets are found when the gauge is
 * started and whenever one of its gauges is read. What the callback throws is logged once, and a set it
 * does not report reads as no value ({@code NaN}). Closed, it removes its gauges and reports nothing.
 */
final class ObservedGauge implements ObservableLongGauge {

    private final MeterRegistry registry;
    private final Consumer<ObservableLongMeasurement> callback;
    private final TagSets<Gauge> gauges;
    private volatile boolean closed;

    ObservedGauge(MeterRegistry registry, String name, String description, String baseUnit,
            Consumer<ObservableLongMeasurement> callback) {
        this.registry = registry;
        this.callback = callback;
        this.gauges = new TagSets<>(name, tags -> Gauge.builder(name, this, gauge -> gauge.read(tags))
                .description(description).baseUnit(baseUnit).tags(tags).strongReference(true).register(registry));
    }

    /** Registers a gauge for each attribute set the callback reports now. */
    void start() {
        observe();
    }

    /** Calls the callback, registers a gauge for each attribute set new to it. {@return the values by tags} */
    private Map<Tags, Long> observe() {
        if (closed) {
            return Map.of();
        }
        Map<Attributes, Long> values = new HashMap<>();
        try {
            callback.accept(new ObservableLongMeasurement() {
                @Override
                public void record(long value) {
                    record(value, Attributes.empty());
                }

                @Override
                public void record(long value, Attributes attributes) {
                    values.put(attributes, value);
                }
            });
        } catch (Throwable t) {
            gauges.warnOnce(t);
        }
        Map<Tags, Long> byTags = new HashMap<>();
        values.forEach((attributes, value) -> {
            gauges.record(attributes, gauge -> { });
            byTags.put(TagSets.tags(attributes), value);
        });
        return byTags;
    }

    private double read(Tags tags) {
        Long value = observe().get(tags);
        return value == null ? Double.NaN : value;
    }

    @Override
    public void close() {
        closed = true;
        gauges.forEach(registry::remove);
    }
}
