package dev.skein.quarkus.test.scope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.quarkus.SkeinScope;
import io.quarkus.runtime.BlockingOperationNotAllowedException;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** On a Vert.x event loop, where the caller must not wait, a call fails at once and the method never runs. */
class EventLoopTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().withApplicationRoot(root -> root.addClasses(Counted.class));

    @ApplicationScoped
    public static class Counted {
        private final AtomicInteger calls = new AtomicInteger();

        @SkeinScope
        public String run() {
            calls.incrementAndGet();
            return "ran";
        }

        public int calls() {
            return calls.get();
        }
    }

    @Inject
    Vertx vertx;

    @Inject
    Counted counted;

    @Test
    void aCallOnAnEventLoopFailsClearlyWithoutRunningTheMethod() throws Exception {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            try {
                outcome.complete(counted.run());
            } catch (Throwable t) {
                outcome.complete(t);
            }
        });

        assertThat(outcome.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(BlockingOperationNotAllowedException.class,
                e -> assertThat(e.getMessage()).contains(Counted.class.getName() + "#run", "Vert.x event loop",
                        "@Blocking or @RunOnVirtualThread"));
        assertThat(counted.calls()).isZero();
        assertThat(counted.run()).isEqualTo("ran"); // the test's own thread may block
    }
}
