package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.GraphFailedException;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A task's {@code @Fallback}: a method of the same bean or a handler, given the task's arguments and failure. */
class FallbackTest {

    @ApplicationScoped
    @TaskGraph("priced")
    public static class Priced {
        private final AtomicInteger attempts = new AtomicInteger();

        @Task
        @Retry(maxRetries = 1, jitter = 0)
        @Fallback(fallbackMethod = "listPrice", skipOn = IllegalArgumentException.class)
        String price(@GraphInput String product) {
            attempts.incrementAndGet();
            if (product.isEmpty()) {
                throw new IllegalArgumentException("no product");
            }
            throw new IllegalStateException("pricing down");
        }

        String listPrice(String product, Throwable failure) {
            return "list price of " + product + " (" + failure.getMessage() + ")";
        }

        int takeAttempts() {
            return attempts.getAndSet(0);
        }
    }

    @ApplicationScoped
    @TaskGraph("handled")
    public static class Handled {
        @Task
        @Fallback(QuoteHandler.class)
        String quote(@GraphInput String product) {
            throw new IllegalStateException("no quote");
        }
    }

    /** Not a bean by itself: a handler named by a task becomes one. */
    public static class QuoteHandler implements FallbackHandler<String> {
        @Override
        public String handle(ExecutionContext context) {
            return context.getMethod().getName() + "(" + context.getParameters()[0] + ") failed: "
                    + context.getFailure().getMessage();
        }
    }

    @ApplicationScoped
    @TaskGraph("later")
    public static class Later {
        @Task
        @Fallback(fallbackMethod = "cached")
        Uni<String> fetch() {
            return Uni.createFrom().failure(new IllegalStateException("offline"));
        }

        Uni<String> cached() {
            return Uni.createFrom().item("cached");
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Priced.class, Handled.class, QuoteHandler.class, Later.class));

    @Inject
    @Identifier("priced")
    SkeinGraph<String, String> priced;
    @Inject
    Priced pricedTasks;
    @Inject
    @Identifier("handled")
    SkeinGraph<String, String> handled;
    @Inject
    @Identifier("later")
    SkeinGraph<Void, String> later;

    @Test
    void theFallbackMethodGivesTheValueAfterTheRetriesWithTheTasksArgumentsAndFailure() throws Exception {
        pricedTasks.takeAttempts();
        assertThat(priced.run("tea")).isEqualTo("list price of tea (pricing down)");
        assertThat(pricedTasks.takeAttempts()).isEqualTo(2);
    }

    @Test
    void aSkipOnFailureIsNotFallenBackFrom() {
        pricedTasks.takeAttempts();
        assertThatThrownBy(() -> priced.run("")).isInstanceOfSatisfying(GraphFailedException.class,
                e -> assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class).hasMessage("no product"));
        assertThat(pricedTasks.takeAttempts()).isEqualTo(2);
    }

    @Test
    void aFallbackHandlerIsGivenTheMethodItsArgumentsAndTheFailure() throws Exception {
        assertThat(handled.run("tea")).isEqualTo("quote(tea) failed: no quote");
    }

    @Test
    void theFallbackOfAUniTaskReturnsAUniToo() throws Exception {
        assertThat(later.run(null)).isEqualTo("cached");
    }
}
