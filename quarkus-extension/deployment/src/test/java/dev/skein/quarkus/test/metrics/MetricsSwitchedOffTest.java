package dev.skein.quarkus.test.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.metrics.StockGraph.Order;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code quarkus.skein.metrics.enabled=false}: with quarkus-micrometer present, Skein records no meter. */
class MetricsSwitchedOffTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = Metered.app(List.of(MeterRegistryProducer.class, Meters.class,
            MetricsSwitchedOffTest.class), Metered.MICROMETER).overrideConfigKey("quarkus.skein.metrics.enabled", "false");

    @Inject
    SkeinGraph<Order, String> stockCheck;

    @Inject
    SimpleMeterRegistry registry;

    @Test
    void noSkeinMeters() throws InterruptedException {
        Metered.runThreeTimes(stockCheck);
        assertThat(Meters.skeins(registry)).isEmpty();
    }
}
