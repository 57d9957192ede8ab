package dev.skein.quarkus.test.policy;

import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.faulttolerance.Fallback;

/** Tasks running through the named policies of {@link NamedPolicyTest}. */
final class NamedPolicyTasks {

    private NamedPolicyTasks() {
    }

    @ApplicationScoped
    @TaskGraph("charge")
    public static class Charge {
        private final Attempts attempts = new Attempts();

        @Task(policy = "payment")
        String charge() {
            throw attempts.fail("charge");
        }

        int attempts() {
            return attempts.of("charge");
        }
    }

    @ApplicationScoped
    @TaskGraph("reserve")
    public static class Reserve {
        private final Attempts attempts = new Attempts();

        @Task(policy = "inventory")
        @Fallback(fallbackMethod = "backOrder")
        String reserve() {
            throw attempts.fail("reserve");
        }

        String backOrder() {
            return "back order";
        }

        int attempts() {
            return attempts.of("reserve");
        }
    }
}
