package dev.skein.quarkus.test.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skein.quarkus.SkeinScope;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DeploymentException;
import java.util.Arrays;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad @SkeinScope values and methods it cannot serve fail the build, every problem listed at once. */
class ScopeValidationTest {

    @ApplicationScoped
    public static class BadScopes {
        @SkeinScope(timeout = "soon")
        public String wordTimeout() {
            return "";
        }

        @SkeinScope(timeout = "-2s")
        public String negativeTimeout() {
            return "";
        }

        @SkeinScope(maxConcurrency = -1)
        public String negativeCap() {
            return "";
        }

        @SkeinScope(name = "  ")
        public String blankName() {
            return "";
        }

        @SkeinScope
        public Uni<String> later() {
            return Uni.createFrom().item("");
        }
    }

    @ApplicationScoped
    @SkeinScope(timeout = "2s")
    public static class BadClass {
        public CompletionStage<String> stage() {
            return null;
        }

        public String fine() {
            return "";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(BadScopes.class, BadClass.class))
            .assertException(e -> {
                assertThat(e).isInstanceOf(DeploymentException.class).hasMessageStartingWith("Found 6 deployment problems");
                assertThat(Arrays.stream(e.getSuppressed()).map(Throwable::getMessage)).containsExactlyInAnyOrder(
                        "Skein: @SkeinScope on " + BadScopes.class.getName() + "#wordTimeout(): timeout \"soon\" is not a "
                                + "duration: write it as Quarkus configuration writes durations, e.g. \"2s\", \"500ms\" or \"PT1M\"",
                        "Skein: @SkeinScope on " + BadScopes.class.getName() + "#negativeTimeout(): timeout \"-2s\" is not a "
                                + "positive duration: write it as Quarkus configuration writes durations, e.g. \"2s\", \"500ms\" or \"PT1M\"",
                        "Skein: @SkeinScope on " + BadScopes.class.getName() + "#negativeCap(): maxConcurrency must be at "
                                + "least 1, or 0 for the configured default (none unless configured), was -1",
                        "Skein: @SkeinScope on " + BadScopes.class.getName() + "#blankName(): name must not be blank: leave it "
                                + "out for the class's and the method's names",
                        "Skein: @SkeinScope on " + BadScopes.class.getName() + "#later() returns a Uni: its work would run "
                                + "after the scope had closed, out of its deadline and context; return the value itself (the "
                                + "method runs on a virtual thread, where blocking is fine)",
                        "Skein: @SkeinScope on " + BadClass.class.getName() + " applies to " + BadClass.class.getName()
                                + "#stage(), which returns a CompletionStage: its work would run after the scope had "
                                + "closed, out of its deadline and context; return the value itself (the method runs on a "
                                + "virtual thread, where blocking is fine)");
            });

    @Test
    void theBuildFails() {
        fail("the build should have failed");
    }
}
