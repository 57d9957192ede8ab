package dev.skein.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.BranchFailedException;
import dev.skein.internal.Telemetry;
import dev.skein.scope.Scope;
import io.opentelemetry.api.OpenTelemetry;
import java.io.Serial;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What telemetry must survive: carriers and exceptions that throw, a tracer removed mid-scope, a no-op API. */
class TelemetryRobustnessTest {

    /** Captures something only while armed, so this carrier, registered for good, stays out of other tests. */
    static final ThreadLocal<Boolean> ARMED = new ThreadLocal<>();

    static {
        SkeinTelemetry.carry(new ContextCarrier() {
            @Override
            public Object capture() {
                return ARMED.get();
            }

            @Override
            public AutoCloseable install(Object captured) {
                throw new AssertionError("a carrier that breaks");
            }
        });
    }

    private final Tracing tracing = new Tracing();

    @AfterEach
    void close() {
        tracing.close();
    }

    @Test
    void aCarrierThatThrowsAnErrorIsLoggedAndTheBranchRunsWithoutItsContext() throws Exception {
        ARMED.set(true);
        try {
            int result = Scope.run(scope -> {
                var carried = scope.fork("carried", () -> 1);
                scope.join();
                return carried.resultNow();
            });
            assertThat(result).isEqualTo(1);
        } finally {
            ARMED.remove();
        }
        assertThat(tracing.ended).hasValue(tracing.started.get());
    }

    static final class Hostile extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("hostile getMessage");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("hostile toString");
        }
    }

    @Test
    void aFailureWhoseMethodsThrowStillEndsItsSpans() {
        assertThatThrownBy(() -> Scope.run(cfg -> cfg.withName("hostile"), scope -> {
            scope.fork("throws hostile", () -> {
                throw new Hostile();
            });
            scope.join();
            return null;
        })).isInstanceOf(BranchFailedException.class)
                .hasMessageContaining(Hostile.class.getName() + " (its toString() threw java.lang.IllegalStateException)");
        assertThat(tracing.ended).hasValue(tracing.started.get());
        assertThat(tracing.names()).contains("hostile", "throws hostile");
    }

    @Test
    void aTracerRemovedWhileAScopeIsOpenLeavesNoSpanOpen() throws Exception {
        CountDownLatch removed = new CountDownLatch(1);
        Scope.run(cfg -> cfg.withName("outlives its tracer"), scope -> {
            scope.fork("waits", () -> {
                removed.await();
                return 1;
            });
            SkeinTelemetry.uninstall();
            removed.countDown();
            scope.fork("forked after", () -> 2);
            scope.join();
            return null;
        });
        assertThat(tracing.ended).hasValue(tracing.started.get());
        assertThat(tracing.names()).contains("outlives its tracer", "waits", "forked after");
    }

    @Test
    void aNoOpOpenTelemetryInstallsNothing() {
        SkeinTelemetry.install(OpenTelemetry.noop());
        assertThat(Telemetry.tracer()).isNull();
    }
}
