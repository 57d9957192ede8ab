package dev.skein.quarkus.test.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.skein.BranchFailedException;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Branches forked beside the method: fail-fast or supervised, and capped by maxConcurrency. */
class ScopeKindTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().withApplicationRoot(root -> root.addClasses(SideWorkService.class));

    @Inject
    SideWorkService service;

    @BeforeEach
    void reset() {
        service.reset();
    }

    @Test
    void failFastCancelsTheMethodWhenABranchBesideItFails() {
        assertThatThrownBy(() -> service.failFast()).isInstanceOfSatisfying(BranchFailedException.class, e -> {
            assertThat(e.scopeName()).isEqualTo("SideWorkService.failFast");
            assertThat(e.failures()).extracting(BranchFailedException.Failure::branchName).containsExactly("audit");
            assertThat(e.getCause()).hasMessage("audit down");
        });
        assertThat(service.trail()).containsExactly("method cancelled");
    }

    @Test
    void aSupervisorLetsTheMethodFinishAndStillReportsTheFailureBesideIt() {
        assertThatThrownBy(() -> service.supervised()).isInstanceOfSatisfying(BranchFailedException.class, e -> {
            assertThat(e.scopeName()).isEqualTo("SideWorkService.supervised");
            assertThat(e.failures()).extracting(BranchFailedException.Failure::branchName).containsExactly("audit");
        });
        assertThat(service.trail()).containsExactly("method returned");
    }

    @Test
    void maxConcurrencyCapsTheBranchesBesideTheMethodNotCountingIt() throws Exception {
        CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> service.capped(5),
                r -> Thread.ofPlatform().start(r));

        // two run; the method waits in its third fork for one of them to end
        await().atMost(Duration.ofSeconds(10)).until(() -> service.methodThread() != null
                && waits(service.methodThread()) && service.started() == 2);
        assertThat(service.started()).isEqualTo(2);
        assertThat(service.trail()).containsExactly("forked side-0", "forked side-1");

        service.openGate();
        assertThat(call.get(10, TimeUnit.SECONDS)).isEqualTo("forked 5");
        assertThat(service.started()).isEqualTo(5);
        assertThat(service.mostAtOnce()).isEqualTo(2);
    }

    private static boolean waits(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }
}
