package dev.skein.quarkus.test.metrics;

import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.metrics.StockGraph.Order;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With quarkus-micrometer and no OpenTelemetry, Skein's metrics reach the application's registries, as documented. */
class MicrometerMetricsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = Metered.app(List.of(MeterRegistryProducer.class, Meters.class,
            MicrometerMetricsTest.class), Metered.MICROMETER);

    @Inject
    SkeinGraph<Order, String> stockCheck;

    @Inject
    SimpleMeterRegistry registry;

    @Test
    void theRunsAreMeasuredUnderTheDocumentedNames() throws InterruptedException {
        Metered.runThreeTimes(stockCheck);
        Meters.assertRecorded(registry); // recorded as each branch ends, before its run returns
    }
}
