package dev.skein.quarkus.test.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.GraphFailedException;
import dev.skein.graph.RunOutcome;
import dev.skein.graph.TaskOutcome;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.graph.OrderSaga.Confirmation;
import dev.skein.quarkus.test.graph.OrderSaga.Request;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Annotated methods of a bean become a graph: injected by its types, run blocking or as a Uni, compensated. */
class AnnotatedGraphTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().withApplicationRoot(root -> root.addClasses(OrderSaga.class));

    @Inject
    SkeinGraph<Request, Confirmation> placeOrder;

    @Inject
    @Identifier("place order")
    SkeinGraph<Request, Confirmation> byName;

    @Inject
    OrderSaga saga;

    @BeforeEach
    void clear() {
        saga.clearTrail();
    }

    @Test
    void aRunTakesItsDependenciesFromParameterTypesAndReturnsTheLastTasksResult() throws Exception {
        Confirmation confirmation = placeOrder.run(new Request("alice", 2, false));
        assertThat(confirmation.order()).isEqualTo("order-of-alice");
        assertThat(confirmation.reservation().quantity()).isEqualTo(2);
        assertThat(confirmation.payment().order()).isEqualTo("order-of-alice");
        assertThat(confirmation.notes()).containsExactly("gift for alice");
        assertThat(saga.trail()).startsWith("create alice").endsWith("confirm order-of-alice");
        assertThat(byName).isSameAs(placeOrder);
        assertThat(placeOrder.graph().name()).isEqualTo("place order");
        assertThat(placeOrder.graph().tasks()).extracting(k -> k.name())
                .containsExactly("create order", "reserve stock", "authorise payment", "notes", "confirm order");
    }

    @Test
    void aRunAsUniEmitsTheSameResult() {
        Confirmation confirmation = placeOrder.runAsUni(new Request("bob", 1, false)).await().atMost(Duration.ofSeconds(10));
        assertThat(confirmation.order()).isEqualTo("order-of-bob");
    }

    @Test
    void aFailedTaskCompensatesWhatSucceededInReverseOrder() {
        assertThatThrownBy(() -> placeOrder.run(new Request("carol", 1, true)))
                .isInstanceOfSatisfying(GraphFailedException.class, e -> {
                    assertThat(e.getCause()).hasMessage("card declined");
                    assertThat(e.report().outcome()).isEqualTo(RunOutcome.FAILED);
                    assertThat(e.report().task("authorise payment").outcome()).isEqualTo(TaskOutcome.COMPENSATED);
                });
        List<String> trail = saga.trail();
        assertThat(trail).contains("release order-of-carol", "cancel order-of-carol",
                "refund anything for order-of-carol after card declined").doesNotContain("refund order-of-carol");
        assertThat(trail.indexOf("release order-of-carol")).isLessThan(trail.indexOf("cancel order-of-carol"));
        assertThat(trail.indexOf("refund anything for order-of-carol after card declined"))
                .isLessThan(trail.indexOf("cancel order-of-carol"));
    }
}
