package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.BranchFailedException;
import dev.skein.context.SkeinContext;
import dev.skein.diagnostics.Diagnostics;
import java.io.IOException;
import java.io.Serial;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A failure whose own methods throw (an {@code Error}, or a checked exception thrown sneakily) is still
 * the failure the owner gets, the siblings it cancels end cancelled, and the live tree can still be dumped.
 */
class HostileThrowableTest {

    /** Its getMessage() throws an AssertionError, or sneakily an IOException. */
    static final class Hostile extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;
        private final boolean checked;

        Hostile(boolean checked) {
            this.checked = checked;
        }

        @Override
        public String getMessage() {
            if (checked) {
                throw Hostile.<RuntimeException>sneaky(new IOException("a checked exception from getMessage"));
            }
            throw new AssertionError("an Error from getMessage");
        }

        @Override
        public String toString() {
            return getClass().getName() + ": " + getMessage();
        }

        @SuppressWarnings("unchecked")
        private static <E extends Throwable> E sneaky(Throwable t) throws E {
            throw (E) t;
        }
    }

    @ParameterizedTest(name = "checked exception from getMessage: {0}")
    @ValueSource(booleans = {false, true})
    void theOwnerGetsTheHostileFailureAndThePollingSiblingsEndCancelled(boolean checked) throws Exception {
        CountDownLatch siblingsPolling = new CountDownLatch(4);
        AtomicReference<String> dumpWhileCancelled = new AtomicReference<>();
        List<Branch<Void>> siblings = new ArrayList<>();
        Hostile hostile = new Hostile(checked);
        try (var scope = Scope.open(cfg -> cfg.withName("hostile"))) {
            for (int i = 0; i < 3; i++) {
                siblings.add(scope.fork("poller " + i, () -> {
                    siblingsPolling.countDown();
                    while (true) { // building the CancelledException describes the hostile cause
                        SkeinContext.current().throwIfCancelled();
                        java.util.concurrent.locks.LockSupport.parkNanos(100_000); // a poller that does some work between polls
                    }
                }));
            }
            scope.fork("fails", () -> {
                siblingsPolling.await();
                throw hostile;
            });
            scope.fork("dumps", () -> {
                siblingsPolling.countDown();
                while (!SkeinContext.current().isCancelled()) {
                    java.util.concurrent.locks.LockSupport.parkNanos(100_000); // a poller that does some work between polls
                }
                dumpWhileCancelled.set(Diagnostics.dumpText() + Diagnostics.dumpJson());
            });
            assertThatThrownBy(scope::join).isInstanceOf(BranchFailedException.class).hasCause(hostile)
                    .hasMessageContaining(Hostile.class.getName());
        }
        assertThat(siblings).allSatisfy(b -> assertThat(b.state()).isEqualTo(Branch.State.CANCELLED));
        assertThat(dumpWhileCancelled.get()).contains("'hostile'", "SIBLING_FAILED");
    }
}
