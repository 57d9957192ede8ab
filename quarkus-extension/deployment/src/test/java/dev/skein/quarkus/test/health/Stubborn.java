package dev.skein.quarkus.test.health;

import dev.skein.scope.Scope;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A scope, cancelled, whose branch {@code deaf} ignores the cancellation until {@link #close()}: it is stuck
 * once the scope's 100 ms grace has passed. Closing releases it and waits for the scope's owner to end.
 */
final class Stubborn implements AutoCloseable {

    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread owner;

    Stubborn(String scopeName) throws InterruptedException {
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        owner = Thread.ofVirtual().start(() -> {
            try (var scope = Scope.open(cfg -> cfg.withName(scopeName).withCancellationGrace(Duration.ofMillis(100)))) {
                scope.fork("deaf", () -> {
                    started.countDown();
                    awaitIgnoringInterrupts(release);
                });
                started.await();
                scope.cancel();
                cancelled.countDown();
                scope.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        cancelled.await();
    }

    private static void awaitIgnoringInterrupts(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException ignored) {
                // deaf to cancellation, on purpose
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        owner.join();
    }
}
