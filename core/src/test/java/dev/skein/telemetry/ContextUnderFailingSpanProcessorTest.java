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
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * KNOWN BUG, reproduced here and not fixed (found while writing {@code HostileRandomTreeTest}; disabled
 * so that the build stays green until it is fixed): a span processor that throws from {@code onStart}
 * costs the branches their context. docs/observability.md says the opener's OpenTelemetry context "is made
 * current in every branch of the scope", and that carried contexts (the MDC, a {@link ContextCarrier}'s)
 * travel the same way.
 * <ul>
 * <li>When the scope's span cannot start, {@code Telemetry.scopeOpened} drops the whole {@code ScopeTrace}
 * (its catch returns null): no branch of the scope gets the opener's carried contexts or baggage (nor
 * the MDC, which only slf4j-jdk14's inheritable MDC hides in this module's tests).</li>
 * <li>When a branch's span cannot start, {@code Telemetry.startSpan} returns null before
 * {@code makeCurrent()}: the branch runs without the opener's OpenTelemetry context (its baggage, and the
 * parent for spans user code makes).</li>
 * </ul>
 * Run them with {@code -Djunit.jupiter.conditions.deactivate=org.junit.*DisabledCondition}.
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
    @Disabled("KNOWN BUG: a scope whose span cannot start carries neither carried contexts nor baggage into its branches")
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
    @Disabled("KNOWN BUG: a branch whose span cannot start runs without the opener's OpenTelemetry context")
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
