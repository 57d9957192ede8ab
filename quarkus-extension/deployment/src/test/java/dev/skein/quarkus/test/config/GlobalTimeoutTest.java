package dev.skein.quarkus.test.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.DeadlineExceededException;
import dev.skein.GraphFailedException;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.config.SlowGraph.Done;
import dev.skein.quarkus.test.config.SlowGraph.Work;
import dev.skein.scope.Scope;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** quarkus.skein.timeout bounds every run that sets no deadline; open-sites.enabled=false stops recording. */
class GlobalTimeoutTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(SlowGraph.class))
            .overrideConfigKey("quarkus.skein.timeout", "150ms")
            .overrideConfigKey("quarkus.skein.open-sites.enabled", "false");

    @Inject
    SkeinGraph<Work, Done> graph;

    @Test
    @Timeout(60) // an ignored global timeout would leave the task's hour
    void theGlobalTimeoutIsEachRunsDeadline() {
        assertThatThrownBy(() -> graph.run(new Work(Duration.ofMinutes(5).toMillis(), false)))
                .isInstanceOfSatisfying(GraphFailedException.class, e -> assertThat(e.getCause())
                        .isInstanceOfSatisfying(DeadlineExceededException.class,
                                d -> assertThat(d.scopeName()).isEqualTo("configured")));
    }

    @Test
    void openSitesAreNotRecorded() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (var scope = Scope.open(cfg -> cfg.withName("unrecorded"))) {
            scope.fork("waits", () -> {
                inside.countDown();
                release.await();
            });
            inside.await();
            assertThat(Diagnostics.snapshot()).filteredOn(s -> s.name().equals("unrecorded"))
                    .singleElement().satisfies(s -> assertThat(s.openedAt()).isEmpty());
            release.countDown();
            scope.join();
        }
    }
}
