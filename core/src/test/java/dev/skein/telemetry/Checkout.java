package dev.skein.telemetry;

import dev.skein.BranchFailedException;
import dev.skein.scope.Scope;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** A scope named {@code checkout}: branch {@code declined} fails while branch {@code slow} runs, so it is cancelled. */
final class Checkout {

    private Checkout() {
    }

    static void failsWithASlowSiblingCancelled() throws InterruptedException {
        CountDownLatch slowRunning = new CountDownLatch(1);
        try {
            Scope.run(cfg -> cfg.withName("checkout"), scope -> {
                scope.fork("slow", () -> {
                    slowRunning.countDown();
                    Thread.sleep(Duration.ofMinutes(5)); // until cancelled
                    return null;
                });
                scope.fork("declined", () -> {
                    slowRunning.await();
                    throw new IllegalStateException("card declined");
                });
                scope.join();
                return null;
            });
        } catch (BranchFailedException expected) {
            // what the tests look at is the telemetry
        }
    }
}
