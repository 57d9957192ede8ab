package dev.skein.quarkus.test.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run of an annotated graph is shown in diagnostics as opened at the graph's class, as a {@code @SkeinScope} call is
 * at its method: not at whatever called the graph's handle (which the core would find by walking the stack).
 */
class GraphRunSiteTest {

    static final CountDownLatch INSIDE = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    @ApplicationScoped
    @TaskGraph("held graph")
    public static class Held {
        @Task("hold")
        String hold(@GraphInput String input) throws InterruptedException {
            INSIDE.countDown();
            RELEASE.await();
            return input;
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().withApplicationRoot(root -> root.addClasses(Held.class));

    @Inject
    SkeinGraph<String, String> graph;

    @Test
    @Timeout(60)
    void aRunIsReportedAsOpenedAtItsGraphsClass() throws Exception {
        CompletableFuture<String> run = CompletableFuture.supplyAsync(() -> {
            try {
                return graph.run("done");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            assertThat(INSIDE.await(30, TimeUnit.SECONDS)).isTrue();
            ScopeSnapshot held = Diagnostics.snapshot().stream().filter(s -> s.name().equals("held graph")).findFirst()
                    .orElseThrow();
            assertThat(held.openedAt()).hasValueSatisfying(site -> {
                assertThat(site.getClassName()).isEqualTo(Held.class.getName());
                assertThat(site.getMethodName()).isEqualTo("@TaskGraph");
            });
        } finally {
            RELEASE.countDown();
        }
        assertThat(run.get(30, TimeUnit.SECONDS)).isEqualTo("done");
    }
}
