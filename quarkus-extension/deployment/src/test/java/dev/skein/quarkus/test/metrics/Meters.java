package dev.skein.quarkus.test.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reading Skein's meters in a Micrometer registry. */
final class Meters {

    private Meters() {
    }

    /** {@return the meters whose names start with {@code skein.}} */
    static Set<String> skeins(MeterRegistry registry) {
        return registry.getMeters().stream().map(m -> m.getId().getName()).filter(n -> n.startsWith("skein."))
                .collect(Collectors.toSet());
    }

    /** {@return the branches of the graph ended, by "branch outcome": the counts of {@code skein.branch.duration}} */
    static Map<String, Long> outcomes(MeterRegistry registry) {
        return registry.find("skein.branch.duration").tag("skein.scope", "stock check").timers().stream()
                .collect(Collectors.toMap(Meters::branchAndOutcome, Timer::count));
    }

    /** Asserts what {@link Metered#runThreeTimes} leaves in {@code registry}, under the documented names. */
    static void assertRecorded(MeterRegistry registry) {
        assertThat(outcomes(registry))
                .isEqualTo(Map.of("count succeeded", 3L, "reserve succeeded", 1L, "reserve failed", 2L));
        // Prometheus wants one set of tag keys per name: an outcome that is not a cancellation has reason "none"
        assertThat(registry.find("skein.branch.duration").timers()).extracting(Meters::tagKeys).containsOnly(
                Set.of("skein.scope", "skein.branch", "skein.outcome", "skein.cancel.reason"));
        assertThat(registry.get("skein.branch.duration").tag("skein.outcome", "failed").timer().getId()
                .getTag("skein.cancel.reason")).isEqualTo("none");
        assertThat(registry.get("skein.branch.active").tag("skein.scope", "stock check").gauge().value())
                .as("branches running now").isZero();

        Counter rejections = registry.get("skein.policy.rejections").tag("skein.policy", "warehouse")
                .tag("skein.rejection", "circuit_breaker_open").counter();
        assertThat(rejections.count()).isEqualTo(1);
        assertThat(registry.get("skein.policy.breaker.state").tag("skein.policy", "warehouse").gauge().value())
                .as("open").isEqualTo(2);
    }

    private static String branchAndOutcome(Meter meter) {
        return meter.getId().getTag("skein.branch") + " " + meter.getId().getTag("skein.outcome");
    }

    private static Set<String> tagKeys(Meter meter) {
        return meter.getId().getTags().stream().map(Tag::getKey).collect(Collectors.toSet());
    }
}
