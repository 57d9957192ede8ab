package dev.skein.quarkus.test.policy;

import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;

/** A retried task with a fallback, for the keys that switch fault tolerance off (all but fallbacks). */
@ApplicationScoped
@TaskGraph("switched off")
public class SwitchedOffTasks {

    private final Attempts attempts = new Attempts();

    @Task
    @Retry(maxRetries = 3, jitter = 0)
    @Fallback(fallbackMethod = "fallback")
    String retried() {
        throw attempts.fail("retried");
    }

    String fallback() {
        return "fallback";
    }

    int attempts() {
        return attempts.of("retried");
    }
}
