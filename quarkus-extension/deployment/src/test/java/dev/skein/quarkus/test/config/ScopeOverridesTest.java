package dev.skein.quarkus.test.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.DeadlineExceededException;
import dev.skein.quarkus.SkeinScope;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** quarkus.skein.scope."<name>".timeout wins over the annotation's. */
class ScopeOverridesTest {

    @ApplicationScoped
    public static class Checkout {
        @SkeinScope(name = "checkout", timeout = "1h")
        public String pay() throws InterruptedException {
            Thread.sleep(Duration.ofMinutes(5)); // ends only by the deadline
            return "paid";
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(Checkout.class))
            .overrideConfigKey("quarkus.skein.scope.checkout.timeout", "100ms");

    @Inject
    Checkout checkout;

    @Test
    @Timeout(60) // an ignored override would leave the annotation's hour
    void theConfiguredTimeoutCutsTheCall() {
        assertThatThrownBy(checkout::pay).isInstanceOf(DeadlineExceededException.class);
    }
}
