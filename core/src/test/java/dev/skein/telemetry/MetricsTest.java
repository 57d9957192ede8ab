package dev.skein.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.BranchFailedException;
import dev.skein.policy.FailDirection;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import dev.skein.scope.Scope;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Branch and policy metrics through the OpenTelemetry metrics API, read with the SDK's in-memory reader. */
class MetricsTest {

    private final Tracing tracing = new Tracing();

    @AfterEach
    void close() {
        tracing.close();
        Policies.remove("metered");
        Policies.remove("shared");
    }

    private static MetricData metric(Collection<MetricData> all, String name) {
        return all.stream().filter(m -> m.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no metric " + name + " in " + all.stream().map(MetricData::getName).toList()));
    }

    @Test
    void branchesAreCountedByOutcomeTimedAndNoneStaysActive() throws Exception {
        Checkout.failsWithASlowSiblingCancelled();
        Collection<MetricData> all = tracing.metrics.collectAllMetrics();
        // the duration's count is the branches ended, by outcome: there is no counter beside it
        assertThat(metric(all, "skein.branch.duration").getHistogramData().getPoints())
                .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("skein.branch")) + " "
                        + p.getAttributes().get(AttributeKey.stringKey("skein.outcome")) + " " + p.getCount())
                .containsExactlyInAnyOrder("slow cancelled 1", "declined failed 1");
        assertThat(metric(all, "skein.branch.duration").getHistogramData().getPoints())
                // buckets in seconds, not the SDK's default ones for milliseconds (where every branch fell in the first)
                .allSatisfy(p -> assertThat(p.getBoundaries()).startsWith(0.005, 0.01).endsWith(10.0));
        assertThat(metric(all, "skein.branch.active").getLongSumData().getPoints())
                .extracting(LongPointData::getValue).containsOnly(0L);
    }

    /** Series are kept per scope, branch and outcome, across scopes of one name and for many names at once. */
    @Test
    void branchesOfManyScopesAndNamesEachCountInTheirOwnSeries() throws Exception {
        int names = 200;
        for (int run = 0; run < 3; run++) {
            Scope.run(cfg -> cfg.withName("repeated"), scope -> {
                CountDownLatch sameDone = new CountDownLatch(1);
                scope.fork("same", () -> {
                    sameDone.countDown();
                    return "done";
                });
                scope.fork("declined", () -> {
                    sameDone.await(); // fails only after its sibling succeeded, which it would cancel otherwise
                    throw new IllegalStateException("no");
                });
                try {
                    scope.join();
                } catch (BranchFailedException expected) {
                    // counted as failed
                }
                return null;
            });
        }
        Scope.run(cfg -> cfg.withName("numbered"), scope -> {
            for (int i = 0; i < names; i++) {
                scope.fork("task " + i, () -> "done");
            }
            scope.join();
            return null;
        });

        Collection<MetricData> all = tracing.metrics.collectAllMetrics();
        List<String> repeated = metric(all, "skein.branch.duration").getHistogramData().getPoints().stream()
                .filter(p -> "repeated".equals(p.getAttributes().get(AttributeKey.stringKey("skein.scope"))))
                .map(p -> p.getAttributes().get(AttributeKey.stringKey("skein.branch")) + " "
                        + p.getAttributes().get(AttributeKey.stringKey("skein.outcome")) + " " + p.getCount())
                .toList();
        assertThat(repeated).containsExactlyInAnyOrder("same succeeded 3", "declined failed 3");
        assertThat(metric(all, "skein.branch.duration").getHistogramData().getPoints())
                .filteredOn(p -> "numbered".equals(p.getAttributes().get(AttributeKey.stringKey("skein.scope"))))
                .hasSize(names).allSatisfy(p -> assertThat(p.getCount()).isEqualTo(1))
                .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("skein.branch"))).doesNotHaveDuplicates();
        assertThat(metric(all, "skein.branch.active").getLongSumData().getPoints())
                .extracting(LongPointData::getValue).containsOnly(0L);
    }

    /** The cancellation reason is part of a series: one branch, cancelled for two reasons, counts in two. */
    @Test
    void branchesCancelledForDifferentReasonsCountInSeriesOfTheirOwn() throws Exception {
        Checkout.failsWithASlowSiblingCancelled(); // "slow" cancelled because its sibling failed
        CountDownLatch slowRunning = new CountDownLatch(1);
        Scope.run(cfg -> cfg.withName("checkout"), scope -> {
            scope.fork("slow", () -> {
                slowRunning.countDown();
                Thread.sleep(Duration.ofMinutes(5)); // until cancelled
                return null;
            });
            slowRunning.await();
            scope.cancel(); // "slow" cancelled on request
            scope.join();
            return null;
        });

        assertThat(metric(tracing.metrics.collectAllMetrics(), "skein.branch.duration").getHistogramData().getPoints())
                .filteredOn(p -> "slow".equals(p.getAttributes().get(AttributeKey.stringKey("skein.branch"))))
                .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("skein.outcome")) + " "
                        + p.getAttributes().get(AttributeKey.stringKey("skein.cancel.reason")) + " " + p.getCount())
                .containsExactlyInAnyOrder("cancelled sibling_failed 1", "cancelled requested 1");
    }

    /** The core keeps the attributes of at most 1,000 series; the branches of further ones still count in their own. */
    @Test
    void branchesBeyondTheKeptAttributeSetsStillCountInTheirOwnSeries() throws Exception {
        int names = 1_100;
        for (int run = 0; run < 2; run++) {
            Scope.run(cfg -> cfg.withName("beyond kept"), scope -> {
                for (int i = 0; i < names; i++) {
                    scope.fork("kept? " + i, () -> "done");
                }
                scope.join();
                return null;
            });
        }

        Collection<MetricData> all = tracing.metrics.collectAllMetrics();
        assertThat(metric(all, "skein.branch.duration").getHistogramData().getPoints())
                .filteredOn(p -> "beyond kept".equals(p.getAttributes().get(AttributeKey.stringKey("skein.scope"))))
                .hasSize(names).allSatisfy(p -> assertThat(p.getCount()).isEqualTo(2))
                .extracting(p -> p.getAttributes().get(AttributeKey.stringKey("skein.branch"))).doesNotHaveDuplicates();
        assertThat(metric(all, "skein.branch.active").getLongSumData().getPoints())
                .extracting(LongPointData::getValue).containsOnly(0L);
    }

    @Test
    void policyRejectionsAreCountedAndTheBreakerStateIsAGauge() throws Exception {
        Policy metered = Policies.define("metered", p -> p.withCircuitBreaker(cb -> cb
                .withRequestVolumeThreshold(2).withFailureRatio(0.5).withDelay(Duration.ofMinutes(1))));
        for (int i = 0; i < 2; i++) {
            try {
                metered.call(() -> {
                    throw new IllegalStateException("down");
                });
            } catch (IllegalStateException expected) {
                // opens the breaker
            }
        }
        try {
            metered.call(() -> "never");
        } catch (CircuitBreakerOpenException expected) {
            // counted
        }
        Collection<MetricData> all = tracing.metrics.collectAllMetrics();
        assertThat(metric(all, "skein.policy.rejections").getLongSumData().getPoints()).singleElement()
                .satisfies(p -> {
                    assertThat(p.getValue()).isEqualTo(1);
                    assertThat(p.getAttributes().get(AttributeKey.stringKey("skein.rejection"))).isEqualTo("circuit_breaker_open");
                });
        assertThat(metric(all, "skein.policy.breaker.state").getLongGaugeData().getPoints())
                .filteredOn(p -> "metered".equals(p.getAttributes().get(AttributeKey.stringKey("skein.policy"))))
                .singleElement().extracting(LongPointData::getValue).isEqualTo(2L);
    }

    @Test
    void callsThatFindTheSharedLimitsStoreUnreachableAreCountedAndReachabilityIsAGauge() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        Policy shared = Policies.define("shared", p -> p.withRateLimit(rl -> rl.withLimit(10).shared((name, limit) -> {
            if (down.get()) {
                throw new java.io.IOException("connection refused");
            }
            return 0;
        }, FailDirection.OPEN)));
        assertThat(shared.call(() -> "admitted")).isEqualTo("admitted");
        assertThat(shared.call(() -> "admitted")).isEqualTo("admitted");

        Collection<MetricData> all = tracing.metrics.collectAllMetrics();
        assertThat(metric(all, "skein.policy.shared_limit.unreachable").getLongSumData().getPoints()).singleElement()
                .satisfies(p -> {
                    assertThat(p.getValue()).isEqualTo(2);
                    assertThat(p.getAttributes().get(AttributeKey.stringKey("skein.policy"))).isEqualTo("shared");
                    assertThat(p.getAttributes().get(AttributeKey.stringKey("skein.fail_direction"))).isEqualTo("open");
                });
        assertThat(metric(all, "skein.policy.shared_limit.reachable").getLongGaugeData().getPoints())
                .filteredOn(p -> "shared".equals(p.getAttributes().get(AttributeKey.stringKey("skein.policy"))))
                .singleElement().extracting(LongPointData::getValue).isEqualTo(0L);

        down.set(false);
        shared.call(() -> "counted again");
        assertThat(metric(tracing.metrics.collectAllMetrics(), "skein.policy.shared_limit.reachable").getLongGaugeData()
                .getPoints()).filteredOn(p -> "shared".equals(p.getAttributes().get(AttributeKey.stringKey("skein.policy"))))
                .singleElement().extracting(LongPointData::getValue).isEqualTo(1L);
    }
}
