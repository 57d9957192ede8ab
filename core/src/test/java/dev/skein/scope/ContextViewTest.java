package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.context.SkeinContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What a user can reach of a branch, its context and its handle, is a view: nothing on it runs the body,
 * so a branch cannot be run again from another thread, nor recorded with another thread's result.
 */
class ContextViewTest {

    @Test
    void neitherTheContextNorTheHandleOfABranchCanRunIt() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicReference<SkeinContext> context = new AtomicReference<>();
        try (var scope = Scope.open()) {
            Branch<String> branch = scope.fork("once", () -> {
                runs.incrementAndGet();
                context.set(SkeinContext.current());
                started.countDown();
                release.await();
                return "the real result";
            });
            started.await();
            for (Object reachable : new Object[] {context.get(), branch}) {
                assertThat(reachable).isNotInstanceOf(Runnable.class)
                        .isNotInstanceOf(ScopedValue.CallableOp.class)
                        .isNotInstanceOf(java.util.concurrent.Callable.class);
            }
            release.countDown();
            scope.join();
            assertThat(branch.resultNow()).isEqualTo("the real result");
        }
        assertThat(runs).hasValue(1);
    }
}
