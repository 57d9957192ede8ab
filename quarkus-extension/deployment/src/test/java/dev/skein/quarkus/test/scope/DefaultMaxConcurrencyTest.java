package dev.skein.quarkus.test.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** quarkus.skein.max-concurrency caps the branches beside a method that sets no maxConcurrency; one that sets it wins. */
class DefaultMaxConcurrencyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(SideWorkService.class))
            .overrideConfigKey("quarkus.skein.max-concurrency", "1");

    @Inject
    SideWorkService service;

    @BeforeEach
    void reset() {
        service.reset();
    }

    @Test
    void theConfiguredCapAppliesWhereTheAnnotationSetsNone() throws Exception {
        assertRunAtOnce(() -> service.cappedByDefault(3), 1);
    }

    @Test
    void theAnnotationsCapWins() throws Exception {
        assertRunAtOnce(() -> service.capped(3), 2);
    }

    private void assertRunAtOnce(java.util.function.Supplier<String> call, int cap) throws Exception {
        CompletableFuture<String> result = CompletableFuture.supplyAsync(call, r -> Thread.ofPlatform().start(r));

        // the method waits in its fork past the cap for a branch to end
        await().atMost(Duration.ofSeconds(10)).until(() -> service.methodThread() != null
                && waits(service.methodThread()) && service.started() == cap);
        assertThat(service.started()).isEqualTo(cap);

        service.openGate();
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("forked 3");
        assertThat(service.started()).isEqualTo(3);
        assertThat(service.mostAtOnce()).isEqualTo(cap);
    }

    private static boolean waits(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }
}
