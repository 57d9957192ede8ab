package dev.skein.quarkus.test.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.graph.OrderSaga.Confirmation;
import dev.skein.quarkus.test.graph.OrderSaga.Request;
import io.quarkus.runtime.BlockingOperationNotAllowedException;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** On a Vert.x event loop a blocking run is refused at once, saying to use runAsUni, which works there. */
class EventLoopRunTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().withApplicationRoot(root -> root.addClasses(OrderSaga.class));

    @Inject
    Vertx vertx;

    @Inject
    SkeinGraph<Request, Confirmation> placeOrder;

    @Inject
    OrderSaga saga;

    @Test
    void aBlockingRunOnAnEventLoopIsRefusedAndTheUniRunsThere() throws Exception {
        saga.clearTrail();
        CompletableFuture<Object> blocking = new CompletableFuture<>();
        CompletableFuture<Confirmation> reactive = new CompletableFuture<>();
        vertx.runOnContext(ignored -> {
            try {
                blocking.complete(placeOrder.run(new Request("dave", 1, false)));
            } catch (Throwable t) {
                blocking.complete(t);
            }
            placeOrder.runAsUni(new Request("erin", 1, false)).subscribe().with(reactive::complete, reactive::completeExceptionally);
        });
        assertThat(blocking.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(BlockingOperationNotAllowedException.class,
                e -> assertThat(e.getMessage()).contains("graph 'place order'", "event loop", "runAsUni"));
        assertThat(reactive.get(10, TimeUnit.SECONDS).order()).isEqualTo("order-of-erin");
        assertThat(saga.trail()).doesNotContain("create dave");
    }
}
