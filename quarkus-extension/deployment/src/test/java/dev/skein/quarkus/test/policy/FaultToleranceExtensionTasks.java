package dev.skein.quarkus.test.policy;

import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** The beans of {@link ExactlyOnceTest}: each graph a bean of its own, so that one failing task cancels no other. */
final class FaultToleranceExtensionTasks {

    private FaultToleranceExtensionTasks() {
    }

    @ApplicationScoped
    @TaskGraph("retried once")
    public static class RetriedTask {
        private final Attempts attempts = new Attempts();

        @Task
        @Retry(maxRetries = 2, jitter = 0)
        String flaky() {
            throw attempts.fail("flaky");
        }

        int attempts() {
            return attempts.of("flaky");
        }
    }

    /** Not a task: the fault-tolerance extension's interceptor retries it, which shows that it is at work. */
    @ApplicationScoped
    public static class RetriedByTheExtension {
        private final Attempts attempts = new Attempts();

        @Retry(maxRetries = 2, jitter = 0)
        String call() {
            throw attempts.fail("call");
        }

        int attempts() {
            return attempts.of("call");
        }
    }

    @ApplicationScoped
    @TaskGraph("configured under the extension")
    public static class ConfiguredTask {
        private final Attempts attempts = new Attempts();

        @Task
        @Retry(maxRetries = 1, jitter = 0)
        String configured() {
            throw attempts.fail("configured");
        }

        int attempts() {
            return attempts.of("configured");
        }
    }

    @ApplicationScoped
    @TaskGraph("retries beyond the deadline")
    public static class SlowRetries {
        private final Attempts attempts = new Attempts();

        @Task
        @Retry(maxRetries = 5, delay = 1, delayUnit = ChronoUnit.SECONDS, jitter = 0)
        String failsFast() {
            throw attempts.fail("failsFast");
        }

        int attempts() {
            return attempts.of("failsFast");
        }
    }

    @ApplicationScoped
    @TaskGraph("timeout beyond the deadline")
    public static class LongTimeout {
        private final Attempts attempts = new Attempts();
        private final CountDownLatch never = new CountDownLatch(1);
        private final AtomicBoolean interrupted = new AtomicBoolean();

        @Task
        @Retry(maxRetries = 5, jitter = 0)
        @Timeout(value = 1, unit = ChronoUnit.HOURS)
        String hangs() throws InterruptedException {
            attempts.fail("hangs");
            try {
                never.await();
                return "never";
            } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
            }
        }

        int attempts() {
            return attempts.of("hangs");
        }

        boolean wasInterrupted() {
            return interrupted.get();
        }
    }

    @ApplicationScoped
    @TaskGraph("handled under the extension")
    public static class HandledTask {
        @Task
        @Fallback(Handler.class)
        String quote() {
            throw new IllegalStateException("no quote");
        }
    }

    /** A handler the fault-tolerance extension makes a bean too. */
    public static class Handler implements FallbackHandler<String> {
        @Override
        public String handle(ExecutionContext context) {
            return "handled " + context.getFailure().getMessage();
        }
    }
}
