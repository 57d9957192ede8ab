package dev.skein.quarkus.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.LongCounter;
import io.opentelemetry.api.metrics.ObservableLongGauge;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry-to-Micrometer bridge on its own, over a SimpleMeterRegistry. */
class MicrometerMetersTest {

    static final AttributeKey<String> POLICY = AttributeKey.stringKey("skein.policy");

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final MicrometerMeters provider = MicrometerMeters.create();
    final MicrometerMeter meter = new MicrometerMeter(registry, provider);
    final List<String> warnings = new CopyOnWriteArrayList<>();
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("dev.skein").addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("dev.skein").removeHandler(handler);
    }

    @Test
    void aGaugeIsRegisteredOnceTheRegistriesAreReadyAndRemovedWhenClosed() {
        AtomicLong state = new AtomicLong(1);
        ObservableLongGauge gauge = meter.gaugeBuilder("breaker").ofLongs()
                .buildWithCallback(m -> m.record(state.get(), Attributes.of(POLICY, "payment")));
        assertThat(registry.find("breaker").gauges()).as("before the registries are ready").isEmpty();

        provider.registriesReady();
        assertThat(registry.get("breaker").tag("skein.policy", "payment").gauge().value()).isEqualTo(1);
        state.set(2);
        assertThat(registry.get("breaker").gauge().value()).as("read afresh").isEqualTo(2);

        gauge.close();
        assertThat(registry.find("breaker").gauges()).isEmpty();
    }

    @Test
    void aFilterThatThrowsIsLoggedOnceAndTheMeasurementsDropped() {
        AtomicInteger asked = new AtomicInteger();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                asked.incrementAndGet();
                throw new StackOverflowError("hostile");
            }
        });
        LongCounter counter = meter.counterBuilder("calls").build();
        for (int i = 0; i < 3; i++) {
            counter.add(1, Attributes.of(POLICY, "payment")); // does not throw
        }
        assertThat(asked).hasValue(3);
        assertThat(warnings).singleElement().asString().contains("calls");
    }

    @Test
    void attributeSetsBeyondTheCapAreDroppedWithOneWarning() {
        LongCounter counter = meter.counterBuilder("calls").build();
        for (int i = 0; i <= TagSets.MOST + 5; i++) {
            counter.add(1, Attributes.of(POLICY, "policy " + i));
        }
        assertThat(registry.find("calls").counters()).hasSize(TagSets.MOST);
        assertThat(warnings).singleElement().asString().contains("calls");
    }

    @Test
    void anOutcomeThatIsNotACancellationHasTheReasonNone() {
        AttributeKey<String> outcome = AttributeKey.stringKey("skein.outcome");
        AttributeKey<String> reason = AttributeKey.stringKey("skein.cancel.reason");
        assertThat(TagSets.tags(Attributes.of(outcome, "failed")).stream().map(t -> t.getKey() + "=" + t.getValue()))
                .containsExactlyInAnyOrder("skein.outcome=failed", "skein.cancel.reason=none");
        assertThat(TagSets.tags(Attributes.of(outcome, "cancelled", reason, "requested")).stream()
                .map(t -> t.getKey() + "=" + t.getValue()))
                .containsExactlyInAnyOrder("skein.outcome=cancelled", "skein.cancel.reason=requested");
        assertThat(TagSets.tags(Attributes.of(POLICY, "payment")).stream().map(t -> t.getKey()))
                .containsExactly("skein.policy");
    }
}
