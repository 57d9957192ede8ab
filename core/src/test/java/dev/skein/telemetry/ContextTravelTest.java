package dev.skein.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.scope.Scope;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Thread context other than OpenTelemetry's: SLF4J's MDC (carried by default) and a user's own carrier. */
class ContextTravelTest {

    static final ThreadLocal<String> TENANT = new ThreadLocal<>();

    @Test
    void theLoggingMdcOfTheOpenerIsInEveryBranchAndGoneAfter() throws Exception {
        AtomicReference<String> inBranch = new AtomicReference<>();
        AtomicReference<String> inNestedBranch = new AtomicReference<>();
        AtomicReference<Map<String, String>> afterNested = new AtomicReference<>();
        MDC.put("request.id", "r-42");
        try {
            Scope.run(scope -> {
                scope.fork(() -> {
                    inBranch.set(MDC.get("request.id"));
                    Scope.run(nested -> {
                        nested.fork(() -> inNestedBranch.set(MDC.get("request.id")));
                        nested.join();
                        return null;
                    });
                    afterNested.set(MDC.getCopyOfContextMap());
                });
                scope.join();
                return null;
            });
        } finally {
            MDC.clear();
        }
        assertThat(inBranch).hasValue("r-42");
        assertThat(inNestedBranch).hasValue("r-42");
        assertThat(afterNested.get()).containsEntry("request.id", "r-42");
    }

    @Test
    void aUsersOwnCarrierTravelsToo() throws Exception {
        SkeinTelemetry.carry(new ContextCarrier() {
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
        AtomicReference<String> seen = new AtomicReference<>();
        TENANT.set("acme");
        try {
            Scope.run(scope -> {
                scope.fork(() -> seen.set(TENANT.get()));
                scope.join();
                return null;
            });
        } finally {
            TENANT.remove();
        }
        assertThat(seen).hasValue("acme");
    }
}
