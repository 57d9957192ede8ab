package dev.skein.quarkus.test.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.GraphFailedException;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskOutcome;
import dev.skein.quarkus.Compensates;
import dev.skein.quarkus.CompensatesUncertainEffect;
import dev.skein.quarkus.GraphInput;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.Task;
import dev.skein.quarkus.TaskGraph;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Compensations that return a Uni or a stage are awaited, as tasks are: what they do happens, and their failure counts. */
class AsyncCompensationTest {

    public record Plan(boolean releaseFails, boolean refundFails) {
    }

    public record Reservation(boolean releaseFails) {
    }

    public record Charge(boolean refundFails) {
    }

    @ApplicationScoped
    @TaskGraph("async undo")
    public static class Shipping {
        private final ConcurrentLinkedQueue<String> trail = new ConcurrentLinkedQueue<>();

        public List<String> trail() {
            return List.copyOf(trail);
        }

        public void clear() {
            trail.clear();
        }

        @Task(value = "reserve", compensationRetries = 0)
        Reservation reserve(@GraphInput Plan plan) {
            return new Reservation(plan.releaseFails());
        }

        @Task(value = "charge", compensationRetries = 0)
        Charge charge(@GraphInput Plan plan) {
            return new Charge(plan.refundFails());
        }

        @Task("ship")
        void ship(Reservation reservation, Charge charge) {
            throw new IllegalStateException("no courier");
        }

        /** Does its work only when subscribed to. */
        @Compensates("reserve")
        Uni<Void> release(Reservation reservation) {
            return Uni.createFrom().item(() -> {
                trail.add("released");
                if (reservation.releaseFails()) {
                    throw new IllegalStateException("stock service down");
                }
                return null;
            });
        }

        /** Ends on another thread. */
        @Compensates("charge")
        CompletionStage<Void> refund(Charge charge) {
            return CompletableFuture.runAsync(() -> {
                trail.add("refunded");
                if (charge.refundFails()) {
                    throw new IllegalStateException("bank down");
                }
            });
        }

        @Compensates("ship")
        void unship() {
            trail.add("unshipped");
        }

        @CompensatesUncertainEffect("ship")
        Uni<Void> recall(@GraphInput Plan plan, Throwable why) {
            return Uni.createFrom().item(() -> {
                trail.add("recalled after " + why.getMessage());
                return null;
            });
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest().withApplicationRoot(root -> root.addClasses(
            Shipping.class, Plan.class, Reservation.class, Charge.class));

    @Inject
    SkeinGraph<Plan, Void> graph;

    @Inject
    Shipping shipping;

    @BeforeEach
    void clear() {
        shipping.clear();
    }

    @Test
    void uniAndStageCompensationsAreAwaited() {
        RunReport report = failedRun(new Plan(false, false));
        assertThat(shipping.trail()).containsExactlyInAnyOrder("released", "refunded", "recalled after no courier");
        assertThat(report.task("reserve").outcome()).isEqualTo(TaskOutcome.COMPENSATED);
        assertThat(report.task("charge").outcome()).isEqualTo(TaskOutcome.COMPENSATED);
        assertThat(report.task("ship").outcome()).isEqualTo(TaskOutcome.COMPENSATED);
    }

    @Test
    void aFailingUniOrStageCompensationIsCountedAsFailed() {
        RunReport report = failedRun(new Plan(true, true));
        assertThat(report.task("reserve").outcome()).isEqualTo(TaskOutcome.COMPENSATION_FAILED);
        assertThat(report.task("reserve").compensationFailure()).get().extracting(Throwable::getMessage)
                .isEqualTo("stock service down");
        assertThat(report.task("charge").outcome()).isEqualTo(TaskOutcome.COMPENSATION_FAILED);
        assertThat(report.task("charge").compensationFailure()).get().extracting(Throwable::getMessage)
                .isEqualTo("bank down");
    }

    private RunReport failedRun(Plan plan) {
        RunReport[] report = new RunReport[1];
        assertThatThrownBy(() -> graph.run(plan)).isInstanceOfSatisfying(GraphFailedException.class, e -> {
            assertThat(e.getCause()).hasMessage("no courier");
            report[0] = e.report();
        });
        return report[0];
    }
}
