package dev.skein.quarkus.test.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.GraphFailedException;
import dev.skein.graph.GraphListener.CompensationEnded;
import dev.skein.graph.GraphListener.RunStarted;
import dev.skein.graph.GraphListener.TaskEnded;
import dev.skein.graph.RunOutcome;
import dev.skein.graph.RunReport;
import dev.skein.graph.TaskOutcome;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.events.ShippingSaga.Label;
import dev.skein.quarkus.test.events.ShippingSaga.Parcel;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An observer that throws, Errors included, changes nothing: not the run, not the observers after it. */
class ThrowingObserverTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(ShippingSaga.class, RunWatch.class, FaultyWatch.class));

    @Inject
    SkeinGraph<Parcel, Label> shipParcel;

    @Inject
    ShippingSaga saga;

    @Inject
    RunWatch watch;

    @Inject
    FaultyWatch faulty;

    @BeforeEach
    void clear() {
        watch.clear();
        saga.clearTrail();
    }

    @Test
    void aRunStillSucceedsWithItsResult() throws Exception {
        int before = faulty.calls();
        Label label = shipParcel.run(new Parcel("p-1", false));

        assertThat(label).isEqualTo(new Label("p-1"));
        assertThat(saga.trail()).containsExactly("pick p-1", "pack p-1", "label p-1");
        assertThat(faulty.calls() - before).as("the faulty observer was called for each event").isEqualTo(5);
        assertThat(watch.events()).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("RunStarted", "TaskEnded", "TaskEnded", "TaskEnded", "RunReport");
    }

    @Test
    void aFailingSagaStillFailsWithTheTasksOwnFailureAndIsCompensated() {
        int before = faulty.calls();
        assertThatThrownBy(() -> shipParcel.run(new Parcel("p-2", true)))
                .isInstanceOfSatisfying(GraphFailedException.class, e -> {
                    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("printer jammed");
                    assertThat(e.getSuppressed()).isEmpty();
                    RunReport report = e.report();
                    assertThat(report.outcome()).isEqualTo(RunOutcome.FAILED);
                    assertThat(report.task("pick").outcome()).isEqualTo(TaskOutcome.COMPENSATED);
                    assertThat(report.task("pack").outcome()).isEqualTo(TaskOutcome.COMPENSATED);
                    assertThat(report.task("label").outcome()).isEqualTo(TaskOutcome.FAILED);
                });

        assertThat(saga.trail()).containsExactly("pick p-2", "pack p-2", "unpack p-2", "unpick p-2");
        assertThat(faulty.calls() - before).isEqualTo(7);
        assertThat(watch.events()).hasSize(7).first().isInstanceOf(RunStarted.class);
        assertThat(watch.events()).filteredOn(TaskEnded.class::isInstance).hasSize(3);
        assertThat(watch.events()).filteredOn(CompensationEnded.class::isInstance).hasSize(2);
        assertThat(watch.events().getLast()).isInstanceOf(RunReport.class);
    }
}
