package dev.skein.quarkus.test.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** A registry in memory: quarkus-micrometer adds every MeterRegistry bean to its global (root) registry. */
@ApplicationScoped
public class MeterRegistryProducer {

    @Produces
    @Singleton
    SimpleMeterRegistry registry() {
        return new SimpleMeterRegistry();
    }
}
