package dev.skein.quarkus.runtime.metrics;

import io.micrometer.core.instrument.Metrics;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.metrics.MeterBuilder;
import io.opentelemetry.api.metrics.MeterProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * An OpenTelemetry {@link MeterProvider} that records in Micrometer's global registry (the root registry
 * of {@code quarkus-micrometer}, which feeds every registry the application has), so that the core's
 * metrics reach Micrometer through the API the core records with. Only the instruments the core makes
 * are kept: a long counter becomes a {@code Counter}, a long up-down counter a {@code Gauge}, a double
 * histogram in seconds a {@code Timer} (in another unit a {@code DistributionSummary}), a long gauge
 * with a callback a {@code Gauge} per attribute set. Other kinds record nothing.
 *
 * <p>Names are kept (the registry's naming convention applies, e.g. Prometheus's
 * {@code skein_branch_duration_seconds}); attributes become tags of the same keys; a unit in braces
 * ({@code {branch}}) is an annotation and is dropped. Whatever the registry or a meter filter throws is
 * logged once per instrument and the measurement dropped: recording never throws.
 *
 * <p>Meters are registered when first measured, and gauges (which measure themselves) only once
 * {@link #registriesReady()} is called: a meter registered before {@code quarkus-micrometer} has added the
 * application's registries and meter filters would escape the filters, or meet them inside Quarkus's
 * start-up, where a filter that throws would stop the application.
 */
public final class MicrometerMeters implements MeterProvider {

    private final List<ObservedGauge> pending = new ArrayList<>();
    private boolean ready;

    private MicrometerMeters() {
    }

    /** {@return a provider over Micrometer's global registry} */
    public static MicrometerMeters create() {
        return new MicrometerMeters();
    }

    /** Registers the gauges built so far, and from now on registers them as they are built. */
    public void registriesReady() {
        List<ObservedGauge> gauges;
        synchronized (this) {
            ready = true;
            gauges = List.copyOf(pending);
            pending.clear();
        }
        gauges.forEach(ObservedGauge::start);
    }

    /** Starts {@code gauge} now if the registries are ready, else when they are. */
    void start(ObservedGauge gauge) {
        synchronized (this) {
            if (!ready) {
                pending.add(gauge);
                return;
            }
        }
        gauge.start();
    }

    @Override
    public MeterBuilder meterBuilder(String instrumentationScopeName) {
        return new MeterBuilder() {
            @Override
            public MeterBuilder setSchemaUrl(String schemaUrl) {
                return this;
            }

            @Override
            public MeterBuilder setInstrumentationVersion(String version) {
                return this;
            }

            @Override
            public Meter build() {
                return new MicrometerMeter(Metrics.globalRegistry, MicrometerMeters.this);
            }
        };
    }
}
