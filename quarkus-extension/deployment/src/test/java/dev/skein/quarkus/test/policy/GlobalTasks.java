package dev.skein.quarkus.test.policy;

import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import io.smallrye.faulttolerance.api.RateLimit;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Independent optional tasks, configured by the global keys of {@link GlobalFaultToleranceConfigTest}. */
@ApplicationScoped
@TaskGraph("global")
public class GlobalTasks {

    private final Attempts attempts = new Attempts();
    private final CountDownLatch never = new CountDownLatch(1);

    @Task(optional = true)
    @Retry(maxRetries = 5, jitter = 0)
    String globallyRetried() {
        throw attempts.fail("globallyRetried");
    }

    @Task(optional = true)
    @Retry(maxRetries = 5, jitter = 0)
    String methodWins() {
        throw attempts.fail("methodWins");
    }

    @Task(optional = true)
    @Timeout(value = 1, unit = ChronoUnit.HOURS)
    String timedOut() throws InterruptedException {
        never.await();
        return "late";
    }

    @Task(optional = true)
    @RateLimit(value = 100, window = 1, windowUnit = ChronoUnit.HOURS)
    String limited() {
        return "ok";
    }

    int attempts(String task) {
        return attempts.of(task);
    }
}
