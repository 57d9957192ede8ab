package dev.skein.quarkus.test.policy;

import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Independent optional tasks, each configured by one form of key in {@link FaultToleranceConfigTest}. */
@ApplicationScoped
@TaskGraph("configured")
public class ConfiguredTasks {

    private final Attempts attempts = new Attempts();
    private final CountDownLatch never = new CountDownLatch(1);

    @Task(optional = true)
    @Retry(maxRetries = 1, jitter = 0)
    String quarkusForm() {
        throw attempts.fail("quarkusForm");
    }

    @Task(optional = true)
    @Retry(maxRetries = 1, jitter = 0)
    String smallRyeForm() {
        throw attempts.fail("smallRyeForm");
    }

    @Task(optional = true)
    @Retry(maxRetries = 1, jitter = 0)
    String microProfileForm() {
        throw attempts.fail("microProfileForm");
    }

    @Task(optional = true)
    @Retry(maxRetries = 1, jitter = 0)
    String quarkusFormWins() {
        throw attempts.fail("quarkusFormWins");
    }

    @Task(optional = true)
    @Retry(maxRetries = 1, jitter = 0)
    String untouched() {
        throw attempts.fail("untouched");
    }

    @Task(optional = true)
    @Retry(maxRetries = 3, jitter = 0)
    String retryOff() {
        throw attempts.fail("retryOff");
    }

    @Task(optional = true)
    @Retry(maxRetries = 3, jitter = 0)
    String retryOffMicroProfile() {
        throw attempts.fail("retryOffMicroProfile");
    }

    @Task(optional = true)
    @Retry(maxRetries = 3, jitter = 0)
    String abortOnConfigured() {
        throw attempts.fail("abortOnConfigured");
    }

    @Task(optional = true)
    @Timeout(value = 1, unit = ChronoUnit.HOURS)
    String timedOut() throws InterruptedException {
        never.await();
        return "late";
    }

    @Task(optional = true)
    @Fallback(fallbackMethod = "fallback")
    String noFallback() {
        throw attempts.fail("noFallback");
    }

    @Task(optional = true)
    @Fallback(fallbackMethod = "fallback")
    String withFallback() {
        throw attempts.fail("withFallback");
    }

    String fallback() {
        return "fallback";
    }

    int attempts(String task) {
        return attempts.of(task);
    }
}
