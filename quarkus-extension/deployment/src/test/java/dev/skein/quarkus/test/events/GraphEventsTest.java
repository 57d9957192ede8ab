package dev.skein.quarkus.test.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a graph run does reaches the beans that observe it, as CDI events, while it happens. */
class GraphEventsTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(ShippingSaga.class, RunWatch.class, LateWatch.class));

    @Inject
    SkeinGraph<Parcel, Label> shipParcel;

    @Inject
    RunWatch watch;

    @Inject
    LateWatch lateWatch;

    @BeforeEach
    void clear() {
        watch.clear();
    }

    @Test
    void aFailingSagaReportsItsStartEachTaskEachCompensationAndItsEnd() {
        Parcel parcel = new Parcel("p-1", true);
        GraphFailedException failed = catchFailure(parcel);

        // no waiting: synchronous observers have seen it all before the run returns
        List<Object> events = watch.events();
        assertThat(events).hasSize(7);
        assertThat(events.getFirst()).isEqualTo(new RunStarted("ship parcel", parcel));
        assertThat(events.subList(1, 4)).map(e -> (TaskEnded) e).satisfiesExactly(
                pick -> assertThat(pick).extracting(TaskEnded::task, TaskEnded::outcome).containsExactly("pick", TaskOutcome.SUCCEEDED),
                pack -> assertThat(pack).extracting(TaskEnded::task, TaskEnded::outcome).containsExactly("pack", TaskOutcome.SUCCEEDED),
                label -> {
                    assertThat(label).extracting(TaskEnded::graph, TaskEnded::task, TaskEnded::outcome)
                            .containsExactly("ship parcel", "label", TaskOutcome.FAILED);
                    assertThat(label.failure()).get().extracting(Throwable::getMessage).isEqualTo("printer jammed");
                });
        // reverse dependency order: what was packed is unpacked before what was picked is put back
        assertThat(events.subList(4, 6)).map(e -> (CompensationEnded) e).satisfiesExactly(
                pack -> assertThat(pack).isEqualTo(new CompensationEnded("ship parcel", "pack", TaskOutcome.COMPENSATED, 1,
                        Optional.empty())),
                pick -> assertThat(pick).isEqualTo(new CompensationEnded("ship parcel", "pick", TaskOutcome.COMPENSATED, 1,
                        Optional.empty())));
        assertThat(events.getLast()).isSameAs(failed.report());
        assertThat(failed.report().outcome()).isEqualTo(RunOutcome.FAILED);
    }

    @Test
    void observersRunOnTheThreadWhereItHappenedWithARequestContext() throws Exception {
        Thread caller = Thread.currentThread();
        RunReport report = shipParcel.runForReport(new Parcel("p-2", false));

        assertThat(report.succeeded()).isTrue();
        List<RunWatch.Seen> seen = watch.seen();
        assertThat(seen).extracting(s -> s.event().getClass().getSimpleName())
                .containsExactly("RunStarted", "TaskEnded", "TaskEnded", "TaskEnded", "RunReport");
        assertThat(seen.getFirst().thread()).isSameAs(caller);
        assertThat(seen.getLast().thread()).isSameAs(caller);
        assertThat(seen.subList(1, 4)).allSatisfy(s -> {
            assertThat(s.thread()).isNotSameAs(caller);
            assertThat(s.thread().isVirtual()).as("a task's own virtual thread").isTrue();
        });
        assertThat(seen).allSatisfy(s -> assertThat(s.requestContextActive()).isTrue());
        assertThat(seen.getLast().event()).isSameAs(report);
    }

    @Test
    void asynchronousObserversHearOfRunsToo() throws Exception {
        RunReport report = shipParcel.runForReport(new Parcel("p-3", false));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lateWatch.reports()).contains(report));
    }

    private GraphFailedException catchFailure(Parcel parcel) {
        try {
            shipParcel.run(parcel);
        } catch (GraphFailedException e) {
            return e;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the run did not fail");
    }
}
