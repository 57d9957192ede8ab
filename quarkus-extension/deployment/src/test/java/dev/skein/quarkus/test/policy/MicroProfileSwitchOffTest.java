package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.quarkus.SkeinGraph;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code MP_Fault_Tolerance_NonFallback_Enabled=false} switches off every task's strategies, but not its fallback. */
class MicroProfileSwitchOffTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(SwitchedOffTasks.class, Attempts.class))
            .overrideConfigKey("MP_Fault_Tolerance_NonFallback_Enabled", "false");

    @Inject
    @Identifier("switched off")
    SkeinGraph<Void, String> graph;
    @Inject
    SwitchedOffTasks tasks;

    @Test
    void theRetryIsOffAndTheFallbackStillApplies() throws Exception {
        assertThat(graph.run(null)).isEqualTo("fallback");
        assertThat(tasks.attempts()).isEqualTo(1);
    }
}
