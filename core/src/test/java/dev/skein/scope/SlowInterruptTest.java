package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.DeadlineExceededException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.nio.channels.spi.AbstractInterruptibleChannel;
import org.junit.jupiter.api.Test;

/**
 * Interrupting a thread blocked on an {@code InterruptibleChannel} closes the channel on the interrupting
 * thread. One channel that closes slowly must not hold up the deadline of any other scope: the timer only
 * signals, and each scope's interrupts are delivered from a thread of their own.
 */
class SlowInterruptTest {

    /** A channel whose close blocks until the test allows it. */
    static final class SlowToClose extends AbstractInterruptibleChannel {
        final CountDownLatch closing = new CountDownLatch(1);
        final CountDownLatch mayClose = new CountDownLatch(1);

        void blockUntilClosed(CountDownLatch blocked) throws Exception {
            begin();
            try {
                blocked.countDown();
                while (isOpen()) {
                    LockSupport.park(this);
                }
            } finally {
                end(false);
            }
        }

        @Override
        protected void implCloseChannel() {
            closing.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    mayClose.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void aChannelThatClosesSlowlyDoesNotDelayTheDeadlineOfAnotherScope() throws Exception {
        SlowToClose channel = new SlowToClose();
        CountDownLatch blocked = new CountDownLatch(1);
        try (var slow = Scope.open(cfg -> cfg.withName("slow to interrupt").withTimeout(Duration.ofMillis(50)))) {
            slow.fork("on the channel", () -> channel.blockUntilClosed(blocked));
            blocked.await();
            assertThat(channel.closing.await(10, TimeUnit.SECONDS)).as("the deadline's interrupt reached the channel").isTrue();

            // the channel's close now hangs on the thread that interrupted it; another scope's deadline must still fire
            CountDownLatch interrupted = new CountDownLatch(1);
            try (var other = Scope.open(cfg -> cfg.withName("other").withTimeout(Duration.ofMillis(50)))) {
                other.fork("sleeps", () -> {
                    try {
                        Thread.sleep(Duration.ofMinutes(5));
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                });
                // no join yet: only the deadline timer can interrupt the sleeper
                assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the other scope's deadline fired").isTrue();
                assertThatThrownBy(other::join).isInstanceOf(DeadlineExceededException.class);
            } finally {
                channel.mayClose.countDown();
            }
            assertThatThrownBy(slow::join).isInstanceOf(DeadlineExceededException.class);
        }
    }
}
