package dev.skein.quarkus.test.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.DeadlineExceededException;
import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.quarkus.SkeinScopes;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A @SkeinScope method runs as a branch of its own scope; the caller gets its result or its exception. */
class ScopeInterceptorTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(ScopedService.class, WholeClassService.class));

    @Inject
    ScopedService service;

    @Inject
    WholeClassService whole;

    @BeforeEach
    void clear() {
        service.clearTrail();
    }

    @Test
    void theMethodRunsOnTheCallersThreadAsTheOnlyBranchOfAScopeWithItsDeadline() {
        Instant before = Instant.now();
        ScopedService.Seen seen = service.look();

        assertThat(seen.thread()).isSameAs(Thread.currentThread());
        assertThat(seen.deadline()).hasValueSatisfying(d -> assertThat(d)
                .isBetween(before.plus(Duration.ofSeconds(50)), Instant.now().plus(Duration.ofMinutes(1))));
        ScopeSnapshot scope = root(seen, "ScopedService.look");
        assertThat(scope.kind()).isEqualTo("fail-fast");
        assertThat(scope.branches()).extracting(BranchSnapshot::name).containsExactly("look");
        assertThat(scope.openedAt()).hasValueSatisfying(site -> { // the method, not the interceptor chain above it
            assertThat(site.getClassName()).isEqualTo(ScopedService.class.getName());
            assertThat(site.getMethodName()).isEqualTo("look");
        });
    }

    @Test
    void aNamedScopeShowsUnderItsName() {
        ScopedService.Seen seen = service.named();
        assertThat(root(seen, "checkout").branches()).extracting(BranchSnapshot::name).containsExactly("named");
        assertThat(seen.deadline()).isEmpty();
    }

    @Test
    void theCallerGetsExactlyTheExceptionTheMethodThrew() {
        IOException checked = new IOException("disk gone");
        IllegalStateException unchecked = new IllegalStateException("bad state");
        AssertionError error = new AssertionError("broken");
        assertThatThrownBy(() -> service.fail(checked)).isSameAs(checked);
        assertThatThrownBy(() -> service.fail(unchecked)).isSameAs(unchecked);
        assertThatThrownBy(() -> service.fail(error)).isSameAs(error);
    }

    @Test
    @Timeout(60) // the method waits for ever: only its deadline ends it
    void theDeadlineInterruptsTheMethodAndTheCallerGetsDeadlineExceeded() {
        assertThatThrownBy(() -> service.block()).isInstanceOfSatisfying(DeadlineExceededException.class, e -> {
            assertThat(e.scopeName()).isEqualTo("ScopedService.block");
            assertThat(e.stillRunning()).containsExactly("block");
        });
        assertThat(service.trail()).containsExactly("block interrupted");
    }

    @Test
    @Timeout(60) // a branch waits for ever: only the deadline ends it
    void aDeadlineReportedByAScopeOfTheMethodNamesTheBranchesItCutShort() {
        assertThatThrownBy(() -> service.fanOut()).isInstanceOfSatisfying(DeadlineExceededException.class, e -> {
            assertThat(e.scopeName()).isEqualTo("ScopedService.fanOut");
            // "fast" has ended by then, unless the machine stalled for the whole 100 ms: not asserted
            assertThat(e.stillRunning()).contains("slow").isSubsetOf("fast", "slow");
            assertThat(e).hasMessageStartingWith("deadline of scope 'ScopedService.fanOut' exceeded (an enclosing scope of "
                    + "'fan-out'); still running then: [").hasMessageContaining("slow");
        });
    }

    @Test
    void onAClassItScopesEveryMethodAndOneOnAMethodWins() {
        Instant now = Instant.now();
        assertThat(whole.deadline()).hasValueSatisfying(d -> assertThat(d).isAfter(now.plus(Duration.ofMinutes(50))));
        assertThat(whole.nearerDeadline()).hasValueSatisfying(d -> assertThat(d).isBefore(now.plus(Duration.ofMinutes(2))));
    }

    @Test
    void theCurrentScopeIsOnlyThereForTheMethod() {
        assertThatThrownBy(SkeinScopes::current).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no @SkeinScope method runs on this thread");
    }

    private static ScopeSnapshot root(ScopedService.Seen seen, String name) {
        return seen.scopes().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no root scope '" + name + "' in " + seen.scopes()));
    }
}
