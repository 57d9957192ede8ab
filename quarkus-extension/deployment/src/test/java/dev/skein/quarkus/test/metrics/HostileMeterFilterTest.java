package dev.skein.quarkus.test.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.metrics.StockGraph.Order;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A meter filter that throws an Error for every Skein meter changes nothing about the runs; Skein records nothing. */
class HostileMeterFilterTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = Metered.app(List.of(MeterRegistryProducer.class, Meters.class,
            HostileFilter.class, HostileMeterFilterTest.class), Metered.MICROMETER);

    /** Throws for Skein's meters; quarkus-micrometer applies every MeterFilter bean to its registries. */
    @Singleton
    public static class HostileFilter implements MeterFilter {

        final AtomicInteger thrown = new AtomicInteger();

        @Override
        public Meter.Id map(Meter.Id id) {
            if (id.getName().startsWith("skein.")) {
                thrown.incrementAndGet();
                throw new LinkageError("hostile meter filter");
            }
            return id;
        }
    }

    @Inject
    SkeinGraph<Order, String> stockCheck;

    @Inject
    SimpleMeterRegistry registry;

    @Inject
    HostileFilter filter;

    @Test
    void theRunsEndAsTheyWouldWithoutMetrics() throws InterruptedException {
        Metered.runThreeTimes(stockCheck); // results, failures and the policy's rejection unchanged
        assertThat(filter.thrown).as("the filter was asked about Skein's meters, and threw").hasPositiveValue();
        assertThat(Meters.skeins(registry)).isEmpty();
    }
}
