package dev.skein.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A span processor that throws from {@code onStart} costs a scope or a branch its span, never its
 * context: the opener's OpenTelemetry context (its baggage, the parent for spans user code makes) and the
 * carried contexts (a {@link ContextCarrier}'s) still reach every branch.
 */
class ContextUnderFailingSpanProcessorTest {

    /** A tenant held in a plain (not inheritable) ThreadLocal, as a security context would be. */
    static final ThreadLocal<String> TENANT = new ThreadLocal<>();

    static {
        SkeinTelemetry.carry(new ContextCarrier() { // registered once; carries nothing where no tenant is set
            @Override
            public Object capture() {
                return TENANT.get();
            }

            @Override
            public AutoCloseable install(Object tenant) {
                TENANT.set((String) tenant);
                return TENANT::remove;
            }
        });
    }

    /** Fails to start every span whose name starts with "no span". */
    static final class FailsOnStart implements SpanProcessor {
        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
            if (span.getName().startsWith("no span")) {
                throw new IllegalStateException("a span processor that fails on start");
            }
        }

        @Override
        public boolean isStartRequired() {
            return true;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    }

    private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(new FailsOnStart()).build()).build();

    ContextUnderFailingSpanProcessorTest() {
        SkeinTelemetry.install(sdk);
    }

    @AfterEach
    void close() {
        SkeinTelemetry.uninstall();
        sdk.close();
        TENANT.remove();
    }

    @Test
    void theOpenersCarriedContextAndBaggageReachTheBranchesOfAScopeWhoseSpanCouldNotStart() throws Exception {
        TENANT.set("t-7");
        String seen;
        try (var baggage = Baggage.builder().put("baggage-tenant", "acme").build().makeCurrent()) {
            seen = Scope.run(cfg -> cfg.withName("no span: scope"), scope -> {
                Branch<String> branch = scope.fork("branch",
                        () -> TENANT.get() + " " + Baggage.current().getEntryValue("baggage-tenant"));
                scope.join();
                return branch.resultNow();
            });
        }
        assertThat(seen).isEqualTo("t-7 acme"); // fails: "null null"
    }

    @Test
    void theOpenersBaggageReachesABranchWhoseSpanCouldNotStart() throws Exception {
        String seen;
        try (var baggage = Baggage.builder().put("baggage-tenant", "acme").build().makeCurrent()) {
            seen = Scope.run(cfg -> cfg.withName("scope"), scope -> {
                Branch<String> branch = scope.fork("no span: branch", () -> Baggage.current().getEntryValue("baggage-tenant"));
                scope.join();
                return branch.resultNow();
            });
        }
        assertThat(seen).isEqualTo("acme"); // fails: null
    }

    @Test
    void withASpanThatStartsTheContextTravels() throws Exception { // the control: the same, without the failure
        TENANT.set("t-7");
        String seen;
        try (var baggage = Baggage.builder().put("baggage-tenant", "acme").build().makeCurrent()) {
            seen = Scope.run(cfg -> cfg.withName("scope"), scope -> {
                Branch<String> branch = scope.fork("branch",
                        () -> TENANT.get() + " " + Baggage.current().getEntryValue("baggage-tenant"));
                scope.join();
                return branch.resultNow();
            });
        }
        assertThat(seen).isEqualTo("t-7 acme");
    }
}
