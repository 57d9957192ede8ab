package dev.skein.quarkus.test.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.skein.quarkus.SkeinScope;
import dev.skein.quarkus.Task;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A zero timeout is refused alike in @Task and @SkeinScope: one reading of durations, one message. */
class ZeroDurationTest {

    @ApplicationScoped
    public static class Zero {
        @Task(timeout = "0s")
        String task() {
            return "";
        }

        @SkeinScope(timeout = "0s")
        public String scoped() {
            return "";
        }
    }

    private static final String SAME = "timeout \"0s\" is not a positive duration: write it as Quarkus configuration "
            + "writes durations, e.g. \"2s\", \"500ms\" or \"PT1M\"";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Zero.class))
            .assertException(e -> assertThat(Arrays.stream(e.getSuppressed()).map(Throwable::getMessage)).containsExactlyInAnyOrder(
                    "Skein: " + Zero.class.getName() + "#task(): @Task's " + SAME,
                    "Skein: @SkeinScope on " + Zero.class.getName() + "#scoped(): " + SAME));

    @Test
    void theBuildFails() {
        fail("the build should have failed");
    }
}
