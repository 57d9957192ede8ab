package dev.skein.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.scope.Scope;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A snapshot tells how long ago a branch was cancelled, and whether it runs on past its scope's grace. */
class StuckBranchSnapshotTest {

    @Test
    void aBranchThatIgnoresCancellationPastTheGraceIsShownStuckInTheSnapshotTextAndJson() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread owner = Thread.ofVirtual().start(() -> {
            try (var scope = Scope.open(cfg -> cfg.withName("stubborn").withCancellationGrace(Duration.ofMillis(300)))) {
                scope.fork("deaf", () -> {
                    started.countDown();
                    awaitIgnoringInterrupts(release);
                });
                scope.fork("polite", () -> {
                    started.await();
                    Thread.sleep(Duration.ofHours(1)); // ends at the interrupt of the cancellation
                });
                started.await();
                scope.cancel();
                cancelled.countDown();
                scope.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            cancelled.await();
            assertThat(deaf().sinceCancelled()).isPresent();
            await().atMost(Duration.ofSeconds(10)).until(() -> deaf().stuck());
            assertThat(deaf().sinceCancelled()).get().matches(since -> since.compareTo(Duration.ofMillis(300)) >= 0);
            assertThat(stubborn().branches()).filteredOn(b -> b.name().equals("polite")).singleElement()
                    .matches(b -> !b.stuck(), "the branch that stopped is not stuck");

            assertThat(Diagnostics.toText(List.of(stubborn())))
                    .containsPattern("branch 'deaf' \\[RUNNING.*cancelled: .* ms ago\\), STUCK past its cancellation grace");
            JsonNode branch = new ObjectMapper().readTree(Diagnostics.toJson(List.of(stubborn())))
                    .get(0).get("branches").get(0);
            assertThat(branch.get("name").asText()).isEqualTo("deaf");
            assertThat(branch.get("stuck").asBoolean()).isTrue();
            assertThat(branch.get("sinceCancelledMillis").asLong()).isGreaterThanOrEqualTo(300);

            assertThat(Diagnostics.stuckBranches()).filteredOn(s -> s.scopeName().equals("stubborn")).singleElement()
                    .satisfies(s -> {
                        assertThat(s.scopeId()).isEqualTo(stubborn().id());
                        assertThat(s.branch().name()).isEqualTo("deaf");
                        assertThat(s.branch().stuck()).isTrue();
                    });
        } finally {
            release.countDown();
            owner.join();
        }
        assertThat(find()).isEmpty();
    }

    @Test
    void aBranchNeverCancelledHasNoSinceCancelledAndIsNotStuck() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (var scope = Scope.open(cfg -> cfg.withName("calm"))) {
            scope.fork("waiter", () -> release.await());
            BranchSnapshot waiter = Diagnostics.snapshot().stream().filter(s -> s.name().equals("calm")).findFirst()
                    .orElseThrow().branches().getFirst();
            assertThat(waiter.sinceCancelled()).isEmpty();
            assertThat(waiter.stuck()).isFalse();
            assertThat(Diagnostics.stuckBranches()).noneMatch(s -> s.scopeName().equals("calm"));
            release.countDown();
            scope.join();
        }
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException deaf) {
                // a branch that will not stop when cancelled
            }
        }
    }

    private static Optional<ScopeSnapshot> find() {
        return Diagnostics.snapshot().stream().filter(s -> s.name().equals("stubborn")).findFirst();
    }

    private static ScopeSnapshot stubborn() {
        return find().orElseThrow();
    }

    private static BranchSnapshot deaf() {
        return stubborn().branches().stream().filter(b -> b.name().equals("deaf")).findFirst().orElseThrow();
    }
}
