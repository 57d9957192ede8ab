package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.BranchFailedException;
import dev.skein.CancelledException;
import dev.skein.DeadlineExceededException;
import dev.skein.context.SkeinContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * User data is never copied into messages unbounded: names are cut at 200 characters and a failure's
 * description at 1,000 (see {@code docs/concepts.md}, "Bounds"); a cancellation carries its cause as an
 * object, and its message is built only when read.
 */
class MessageBoundsTest {

    private static final String MEGABYTE = "x".repeat(1 << 20);
    private static final int BOUND = 5_000;

    @Test
    void twoHundredSiblingsCancelledByAFailureWithAMegabyteMessageShareItInsteadOfCopyingIt() throws Exception {
        IllegalStateException huge = new IllegalStateException(MEGABYTE);
        ConcurrentLinkedQueue<CancelledException> seen = new ConcurrentLinkedQueue<>();
        CountDownLatch polling = new CountDownLatch(200);
        try (var scope = Scope.open(cfg -> cfg.withName(MEGABYTE))) {
            for (int i = 0; i < 200; i++) {
                scope.fork(MEGABYTE + i, () -> {
                    polling.countDown();
                    while (true) {
                        try {
                            SkeinContext.current().throwIfCancelled();
                        } catch (CancelledException e) {
                            seen.add(e);
                            throw e;
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(100_000); // a poller that does some work between polls
                    }
                });
            }
            scope.fork("fails", () -> {
                polling.await();
                throw huge;
            });
            assertThatThrownBy(scope::join).isInstanceOfSatisfying(BranchFailedException.class,
                    e -> assertThat(e.getMessage()).hasSizeLessThan(BOUND));
        }
        assertThat(seen).hasSize(200).allSatisfy(e -> {
            assertThat(e.getCause()).isSameAs(huge);
            assertThat(e.getMessage()).hasSizeLessThan(BOUND);
            assertThat(e.cancellation().describe()).hasSizeLessThan(BOUND);
        });
    }

    @Test
    void aDeadlineCuttingTenBranchesWithMegabyteNamesHasABoundedMessage() throws Exception {
        CountDownLatch sleeping = new CountDownLatch(10);
        List<String> names = new ArrayList<>();
        try (var scope = Scope.open(cfg -> cfg.withName(MEGABYTE).withTimeout(Duration.ofMillis(100)))) {
            for (int i = 0; i < 10; i++) {
                String name = i + MEGABYTE;
                names.add(name);
                scope.fork(name, () -> {
                    sleeping.countDown();
                    Thread.sleep(Duration.ofMinutes(5));
                });
            }
            sleeping.await();
            assertThatThrownBy(scope::join).isInstanceOfSatisfying(DeadlineExceededException.class, e -> {
                assertThat(e.getMessage()).hasSizeLessThan(BOUND);
                assertThat(e.stillRunning()).containsExactlyInAnyOrderElementsOf(names); // the names themselves: whole
            });
        }
    }
}
