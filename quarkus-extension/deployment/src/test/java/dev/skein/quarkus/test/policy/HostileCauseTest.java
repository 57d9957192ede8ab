package dev.skein.quarkus.test.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.GraphFailedException;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A failure whose getCause() throws an Error: the fallback's decision does not let it replace the task's failure. */
class HostileCauseTest {

    /** Its causes cannot be looked at. */
    public static class HostileException extends IllegalStateException {
        public HostileException(String message) {
            super(message);
        }

        @Override
        public synchronized Throwable getCause() {
            throw new AssertionError("hostile getCause");
        }
    }

    @ApplicationScoped
    @TaskGraph("not applied")
    public static class NotApplied {
        @Task
        @Fallback(fallbackMethod = "fallback", applyOn = IOException.class)
        String work() {
            throw new HostileException("the real failure");
        }

        String fallback() {
            return "fallen back";
        }
    }

    @ApplicationScoped
    @TaskGraph("applied")
    public static class Applied {
        @Task
        @Fallback(fallbackMethod = "fallback")
        String work() {
            throw new HostileException("the real failure");
        }

        String fallback() {
            return "fallen back";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().withApplicationRoot(root -> root.addClasses(
            HostileException.class, NotApplied.class, Applied.class));

    @Inject
    @Identifier("not applied")
    SkeinGraph<Void, String> notApplied;

    @Inject
    @Identifier("applied")
    SkeinGraph<Void, String> applied;

    @Test
    void aFallbackThatDoesNotApplyLeavesTheTasksOwnFailure() {
        assertThatThrownBy(() -> notApplied.run(null)).isInstanceOfSatisfying(GraphFailedException.class,
                e -> assertThat(e.report().failure()).get().isInstanceOf(HostileException.class)
                        .extracting(Throwable::getMessage).isEqualTo("the real failure"));
    }

    @Test
    void aFallbackForEveryFailureStillApplies() throws Exception {
        assertThat(applied.run(null)).isEqualTo("fallen back");
    }
}
