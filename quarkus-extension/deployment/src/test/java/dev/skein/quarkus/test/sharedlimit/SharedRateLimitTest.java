package dev.skein.quarkus.test.sharedlimit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.skein.policy.FailDirection;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import dev.skein.policy.PolicyConfig;
import dev.skein.policy.SharedLimitState;
import dev.skein.quarkus.runtime.devui.SkeinJsonRpcService;
import dev.skein.quarkus.runtime.devui.SkeinJsonRpcService.PolicyView;
import dev.skein.quarkus.test.metrics.MeterRegistryProducer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.builder.Version;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.faulttolerance.api.RateLimitException;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code quarkus.skein.policy."<name>".rate-limit.shared=true}: the policy's rate limit is counted in the
 * application's {@code RateLimitStore} bean (here one in memory that a test can cut off), and what the policy does
 * while that store cannot be reached shows in the metrics, the readiness data, {@code /q/skein/policies} and the
 * Dev UI's policy rows. Each test has a policy of its own: {@code quota}, {@code partner} (fails open, the default)
 * and {@code bank} (fails closed).
 */
class SharedRateLimitTest {

    private static final String CHECK = "checks.find { it.name == 'skein-shared-limits' }";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(InMemoryRateLimitStore.class, MeterRegistryProducer.class))
            .overrideConfigKey("quarkus.skein.policy.quota.rate-limit.value", "3")
            .overrideConfigKey("quarkus.skein.policy.quota.rate-limit.window", "1")
            .overrideConfigKey("quarkus.skein.policy.quota.rate-limit.window-unit", "hours")
            .overrideConfigKey("quarkus.skein.policy.quota.rate-limit.shared", "true")
            .overrideConfigKey("quarkus.skein.policy.partner.rate-limit.value", "3")
            .overrideConfigKey("quarkus.skein.policy.partner.rate-limit.shared", "true")
            .overrideConfigKey("quarkus.skein.policy.bank.rate-limit.value", "3")
            .overrideConfigKey("quarkus.skein.policy.bank.rate-limit.shared", "true")
            .overrideConfigKey("quarkus.skein.policy.bank.rate-limit.shared-fail", "closed")
            .overrideConfigKey("quarkus.skein.policy.local.rate-limit.value", "3")
            .overrideConfigKey("quarkus.micrometer.binder-enabled-default", "false")
            .setForcedDependencies(List.of(
                    Dependency.of("io.quarkus", "quarkus-smallrye-health-deployment", Version.getVersion()),
                    Dependency.of("io.quarkus", "quarkus-micrometer-deployment", Version.getVersion())));

    @Inject
    InMemoryRateLimitStore store;

    @Inject
    SimpleMeterRegistry registry;

    @Test
    void theSharedLimitIsCountedInTheApplicationsStoreAdmittingItsLimitThenRejecting() throws Exception {
        Policy quota = Policies.get("quota");
        PolicyConfig.SharedLimit shared = quota.config().rateLimit().orElseThrow().shared().orElseThrow();
        assertThat(shared.store()).isSameAs(store);
        assertThat(shared.whenUnreachable()).as("the default").isEqualTo(FailDirection.OPEN);
        assertThat(Policies.get("local").config().rateLimit().orElseThrow().shared()).isEmpty();

        for (int i = 0; i < 3; i++) {
            assertThat(quota.call(() -> "admitted")).isEqualTo("admitted");
        }
        assertThatThrownBy(() -> quota.call(() -> "over the limit")).isInstanceOf(RateLimitException.class)
                .satisfies(e -> assertThat(((RateLimitException) e).getRetryAfterMillis()).isEqualTo(3_600_000));
        assertThat(store.asked("quota")).isEqualTo(4);
        assertThat(quota.sharedLimit())
                .contains(new SharedLimitState(FailDirection.OPEN, true, 0, Optional.empty()));
    }

    @Test
    void unreachableAndOpenAdmitsEveryCallAndShowsIt() throws Exception {
        Policy partner = Policies.get("partner");
        store.cutOff("partner");
        for (int i = 0; i < 5; i++) { // over the limit of 3: there is none while the store cannot be reached
            assertThat(partner.call(() -> "admitted")).isEqualTo("admitted");
        }

        SharedLimitState state = partner.sharedLimit().orElseThrow();
        assertThat(state.reachable()).isFalse();
        assertThat(state.unreachableCalls()).isEqualTo(5);
        assertThat(state.lastFailure()).contains("java.sql.SQLException: Connection to 127.0.0.1:5432 refused");
        assertThat(registry.get("skein.policy.shared_limit.unreachable").tag("skein.policy", "partner")
                .tag("skein.fail_direction", "open").counter().count()).isEqualTo(5);
        assertThat(registry.get("skein.policy.shared_limit.reachable").tag("skein.policy", "partner").gauge().value())
                .isZero();
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.partner", equalTo("store UNREACHABLE; fails open: calls are admitted without a"
                        + " limit; 5 calls found it unreachable; last failure: java.sql.SQLException: Connection to"
                        + " 127.0.0.1:5432 refused"))
                .body(CHECK + ".data.quota", startsWith("store reachable; fails open"))
                .body(CHECK + ".data.containsKey('local')", equalTo(false));
        String json = "find { it.name == 'partner' }.sharedLimit";
        given().get("/q/skein/policies").then().statusCode(200)
                .body(json + ".failDirection", equalTo("OPEN"))
                .body(json + ".reachable", equalTo(false))
                .body(json + ".unreachableCalls", equalTo(5))
                .body(json + ".lastFailure", equalTo("java.sql.SQLException: Connection to 127.0.0.1:5432 refused"))
                .body("find { it.name == 'local' }.sharedLimit", nullValue());
        PolicyView row = devUiRow("partner");
        assertThat(row.config()).isEqualTo("rate limit: 3 calls per 1 s, shared by every instance (fails open)");
        assertThat(row.sharedLimit()).startsWith("store UNREACHABLE; fails open");
        assertThat(row.sharedLimitReachable()).isFalse();
        assertThat(devUiRow("local").sharedLimit()).isNull();

        store.reconnect("partner");
        partner.call(() -> "counted again");
        assertThat(partner.sharedLimit().orElseThrow().reachable()).isTrue();
        assertThat(registry.get("skein.policy.shared_limit.reachable").tag("skein.policy", "partner").gauge().value())
                .isEqualTo(1);
        given().get("/q/health/ready").then().statusCode(200)
                .body(CHECK + ".data.partner", startsWith("store reachable; fails open; 5 calls found it unreachable"));
    }

    @Test
    void unreachableAndClosedRejectsEveryCallWithoutRunningIt() {
        Policy bank = Policies.get("bank");
        store.cutOff("bank");
        AtomicInteger ran = new AtomicInteger();
        assertThatThrownBy(() -> bank.call(ran::incrementAndGet)).isInstanceOf(RateLimitException.class)
                .hasMessageContaining("the shared rate limit's store cannot be reached, so the call is rejected"
                        + " (it fails closed)")
                .cause().isInstanceOf(SQLException.class);
        assertThat(ran).hasValue(0);

        assertThat(registry.get("skein.policy.shared_limit.unreachable").tag("skein.policy", "bank")
                .tag("skein.fail_direction", "closed").counter().count()).isEqualTo(1);
        assertThat(registry.get("skein.policy.rejections").tag("skein.policy", "bank")
                .tag("skein.rejection", "rate_limited").counter().count()).isEqualTo(1);
        // the store is every instance's: readiness stays UP, and says what is wrong
        given().get("/q/health/ready").then().statusCode(200).body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.bank",
                        startsWith("store UNREACHABLE; fails closed: calls are rejected; 1 call found it"));
        assertThat(devUiRow("bank").sharedLimitReachable()).isFalse();
    }

    private static PolicyView devUiRow(String name) {
        return new SkeinJsonRpcService().getPolicies().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow();
    }
}
