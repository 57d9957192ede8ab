package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.skein.BranchFailedException;
import java.io.IOException;
import java.io.Serial;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Skein never changes an exception that a user owns (adds nothing to its suppressed list): what it needs
 * to attach goes on an exception it made for this call. A body that rethrows one shared instance would
 * otherwise collect every request's failures: a memory leak and a leak of data between requests.
 */
class ExceptionOwnershipTest {

    static final class Shared extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        Shared() {
            super("one instance for every request");
        }
    }

    private static final Shared SHARED = new Shared();

    @Test
    void aBodyThatRethrowsASharedExceptionGetsTheBranchesFailuresBesideItNotOnIt() throws Exception {
        for (int request = 0; request < 1_000; request++) {
            String secret = "request " + request + "'s data";
            CountDownLatch failed = new CountDownLatch(1);
            Throwable thrown = catchThrowable(() -> Scope.run(scope -> {
                scope.fork("call", () -> {
                    try {
                        throw new IOException(secret);
                    } finally {
                        failed.countDown();
                    }
                });
                failed.await();
                throw SHARED; // without joining: the branch's failure is nobody's yet
            }));
            assertThat(thrown).isInstanceOfSatisfying(BranchFailedException.class, e -> {
                assertThat(e.getCause()).isSameAs(SHARED);
                assertThat(e.failures()).extracting(f -> f.exception().getMessage()).containsExactly(
                        SHARED.getMessage(), secret);
            });
        }
        assertThat(SHARED.getSuppressed()).isEmpty();
    }

    @Test
    void aBodyThatThrowsWithNothingElseFailingGetsItsExceptionAsItIs() {
        assertThatThrownBy(() -> Scope.run(scope -> {
            scope.fork("fine", () -> 1);
            throw SHARED;
        })).isSameAs(SHARED);
        assertThat(SHARED.getSuppressed()).isEmpty();
    }

    @Test
    void aBodyInterruptedBesideAFailedBranchStillThrowsAnInterruptedExceptionCarryingBoth() {
        CountDownLatch failed = new CountDownLatch(1);
        InterruptedException own = new InterruptedException("the body's own");
        Throwable thrown = catchThrowable(() -> Scope.run(scope -> {
            scope.fork("call", () -> {
                try {
                    throw new IOException("lost?");
                } finally {
                    failed.countDown();
                }
            });
            failed.await();
            throw own;
        }));
        assertThat(thrown).isInstanceOf(InterruptedException.class).isNotSameAs(own).hasCause(own);
        assertThat(thrown.getSuppressed()).singleElement().satisfies(t -> assertThat(t).hasMessage("lost?"));
        assertThat(own.getSuppressed()).isEmpty();
    }
}
