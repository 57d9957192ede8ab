package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Who may fork into a scope, and when. */
class ConfinementTest {

    @Test
    void branchesMayForkSiblingsIntoTheirOwnScope() throws Exception {
        AtomicInteger ran = new AtomicInteger();
        Scope.run(scope -> {
            scope.fork("parent", () -> {
                for (int i = 0; i < 5; i++) {
                    scope.fork("child-" + i, ran::incrementAndGet);
                }
            });
            return null;
        });
        assertThat(ran).hasValue(5);
    }

    @Test
    void forkingFromAForeignThreadFailsClearly() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (var scope = Scope.open(cfg -> cfg.withName("mine"))) {
            Thread stranger = Thread.ofVirtual().start(() -> {
                try {
                    scope.fork(() -> "x");
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            stranger.join();
            scope.join();
        }
        assertThat(thrown.get()).isInstanceOf(WrongThreadException.class)
                .hasMessageContaining("'mine'").hasMessageContaining("neither its owner");
    }

    @Test
    void aNestedScopesBranchMayNotForkIntoTheGrandparent() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (var outer = Scope.open(cfg -> cfg.withName("outer"))) {
            outer.fork(() -> {
                try (var inner = Scope.open()) {
                    inner.fork(() -> {
                        try {
                            outer.fork(() -> "x");
                        } catch (WrongThreadException e) {
                            thrown.set(e);
                        }
                    });
                    inner.join();
                }
            });
            outer.join();
        }
        assertThat(thrown.get()).isInstanceOf(WrongThreadException.class);
    }

    @Test
    void forkingIntoAClosedScopeFailsClearly() throws Exception {
        Scope scope = Scope.open(cfg -> cfg.withName("done"));
        scope.join();
        scope.close();
        assertThatThrownBy(() -> scope.fork(() -> "late")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'done' is closed");
    }

    @Test
    void theOwnerMayNotForkAfterJoin() throws Exception {
        try (var scope = Scope.open()) {
            scope.join();
            assertThatThrownBy(() -> scope.fork(() -> "late")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already joined");
        }
    }

    @Test
    void onlyTheOwnerJoins() throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        try (var scope = Scope.open()) {
            scope.fork(() -> {
                try {
                    scope.join();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            scope.join();
        }
        assertThat(thrown.get()).isInstanceOf(WrongThreadException.class).hasMessageContaining("only its owner");
    }
}
