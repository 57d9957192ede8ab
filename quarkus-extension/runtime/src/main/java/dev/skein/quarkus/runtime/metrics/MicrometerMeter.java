package dev.skein.quarkus.runtime.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleCounterBuilder;
import io.opentelemetry.api.metrics.DoubleGaugeBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.DoubleHistogramBuilder;
import io.opentelemetry.api.metrics.DoubleUpDownCounterBuilder;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.LongCounterBuilder;
import io.opentelemetry.api.metrics.LongGaugeBuilder;
import io.opentelemetry.api.metrics.LongHistogramBuilder;
import io.opentelemetry.api.metrics.LongUpDownCounter;
import io.opentelemetry.api.metrics.LongUpDownCounterBuilder;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterProvider;
import io.opentelemetry.api.metrics.ObservableDoubleGauge;
import io.opentelemetry.api.metrics.ObservableDoubleMeasurement;
import io.opentelemetry.api.metrics.ObservableLongCounter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import io.opentelemetry.api.metrics.ObservableLongMeasurement;
import io.opentelemetry.api.metrics.ObservableLongUpDownCounter;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;
import java.util.function.ObjLongConsumer;

/** The instruments of {@link MicrometerMeters}: those the core makes in Micrometer, the others no-ops. */
final class MicrometerMeter implements Meter {

    private static final Meter NOOP = MeterProvider.noop().get("dev.skein");

    private final MeterRegistry registry;
    private final MicrometerMeters provider;

    MicrometerMeter(MeterRegistry registry, MicrometerMeters provider) {
        this.registry = registry;
        this.provider = provider;
    }

    /** {@return the Micrometer base unit of an OpenTelemetry unit: none for an annotation such as {@code {call}}} */
    static String baseUnit(String unit) {
        return unit == null || unit.isEmpty() || unit.startsWith("{") ? null : unit;
    }

    @Override
    public LongCounterBuilder counterBuilder(String name) {
        return new LongCounterBuilder() {
            private String description;
            private String unit;

            @Override
            public LongCounterBuilder setDescription(String d) {
                description = d;
                return this;
            }

            @Override
            public LongCounterBuilder setUnit(String u) {
                unit = u;
                return this;
            }

            @Override
            public LongCounter build() {
                TagSets<Counter> counters = new TagSets<>(name, tags -> Counter.builder(name).description(description)
                        .baseUnit(baseUnit(unit)).tags(tags).register(registry));
                return new LongSum<>(counters, Counter::increment);
            }

            @Override
            public DoubleCounterBuilder ofDoubles() {
                return NOOP.counterBuilder(name).ofDoubles();
            }

            @Override
            public ObservableLongCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
                return NOOP.counterBuilder(name).buildWithCallback(callback);
            }
        };
    }

    @Override
    public LongUpDownCounterBuilder upDownCounterBuilder(String name) {
        return new LongUpDownCounterBuilder() {
            private String description;
            private String unit;

            @Override
            public LongUpDownCounterBuilder setDescription(String d) {
                description = d;
                return this;
            }

            @Override
            public LongUpDownCounterBuilder setUnit(String u) {
                unit = u;
                return this;
            }

            @Override
            public LongUpDownCounter build() {
                // a gauge per attribute set reads the sum; the registry holds it strongly, as TagSets does. A LongAdder:
                // every branch adds to its scope's sum twice, from as many threads as run branches, and the gauge
                // reads it only when scraped
                TagSets<LongAdder> sums = new TagSets<>(name, tags -> {
                    LongAdder sum = new LongAdder();
                    Gauge.builder(name, sum, LongAdder::sum).description(description).baseUnit(baseUnit(unit)).tags(tags)
                            .strongReference(true).register(registry);
                    return sum;
                });
                return new LongSum<>(sums, LongAdder::add);
            }

            @Override
            public DoubleUpDownCounterBuilder ofDoubles() {
                return NOOP.upDownCounterBuilder(name).ofDoubles();
            }

            @Override
            public ObservableLongUpDownCounter buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
                return NOOP.upDownCounterBuilder(name).buildWithCallback(callback);
            }
        };
    }

    @Override
    public DoubleHistogramBuilder histogramBuilder(String name) {
        return new DoubleHistogramBuilder() {
            private String description;
            private String unit;

            @Override
            public DoubleHistogramBuilder setDescription(String d) {
                description = d;
                return this;
            }

            @Override
            public DoubleHistogramBuilder setUnit(String u) {
                unit = u;
                return this;
            }

            @Override
            public LongHistogramBuilder ofLongs() {
                return NOOP.histogramBuilder(name).ofLongs();
            }

            @Override
            public DoubleHistogram build() {
                TagSets<DoubleConsumer> recorders = new TagSets<>(name, "s".equals(unit)
                        ? tags -> {
                            Timer timer = Timer.builder(name).description(description).tags(tags).register(registry);
                            return seconds -> timer.record(Math.round(seconds * 1e9), TimeUnit.NANOSECONDS);
                        }
                        : tags -> DistributionSummary.builder(name).description(description).baseUnit(baseUnit(unit))
                                .tags(tags).register(registry)::record);
                return new DoubleHistogram() {
                    @Override
                    public void record(double value) {
                        record(value, Attributes.empty());
                    }

                    @Override
                    public void record(double value, Attributes attributes) {
                        recorders.record(attributes, r -> r.accept(value));
                    }

                    @Override
                    public void record(double value, Attributes attributes, Context context) {
                        record(value, attributes);
                    }
                };
            }
        };
    }

    @Override
    public DoubleGaugeBuilder gaugeBuilder(String name) {
        return new DoubleGaugeBuilder() {
            private String description;
            private String unit;

            @Override
            public DoubleGaugeBuilder setDescription(String d) {
                description = d;
                return this;
            }

            @Override
            public DoubleGaugeBuilder setUnit(String u) {
                unit = u;
                return this;
            }

            @Override
            public LongGaugeBuilder ofLongs() {
                return new LongGaugeBuilder() {
                    @Override
                    public LongGaugeBuilder setDescription(String d) {
                        description = d;
                        return this;
                    }

                    @Override
                    public LongGaugeBuilder setUnit(String u) {
                        unit = u;
                        return this;
                    }

                    @Override
                    public ObservableLongGauge buildWithCallback(Consumer<ObservableLongMeasurement> callback) {
                        ObservedGauge gauge = new ObservedGauge(registry, name, description, baseUnit(unit), callback);
                        provider.start(gauge);
                        return gauge;
                    }
                };
            }

            @Override
            public ObservableDoubleGauge buildWithCallback(Consumer<ObservableDoubleMeasurement> callback) {
                return NOOP.gaugeBuilder(name).buildWithCallback(callback);
            }
        };
    }

    /** A counter or up-down counter: each addition goes to the meter of its attribute set. */
    private record LongSum<M>(TagSets<M> meters, ObjLongConsumer<M> add) implements LongCounter, LongUpDownCounter {

        @Override
        public void add(long value) {
            add(value, Attributes.empty());
        }

        @Override
        public void add(long value, Attributes attributes) {
            meters.record(attributes, meter -> add.accept(meter, value));
        }

        @Override
        public void add(long value, Attributes attributes, Context context) {
            add(value, attributes);
        }
    }
}
