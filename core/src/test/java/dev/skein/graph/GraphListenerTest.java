package dev.skein.graph;

import static dev.skein.graph.GraphRunTest.catchFailure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.GraphFailedException;
import dev.skein.diagnostics.Diagnostics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listeners hear a run start, each task and compensation end, and the run end; a throwing one changes nothing. */
class GraphListenerTest {

    static final TaskKey<String> ORDER = TaskKey.of("create order", String.class);
    static final TaskKey<String> PAY = TaskKey.of("authorise payment", String.class);
    static final TaskKey<String> GIFT = TaskKey.of("gift wrap", String.class);

    /** Records every event as a line, and then throws an Error from it. */
    static final class Recording implements GraphListener {
        final Trail trail = new Trail();

        @Override
        public void onRunStarted(RunStarted event) {
            trail.add("started " + event.graph() + " with " + event.input());
            throw new AssertionError("a listener that fails");
        }

        @Override
        public void onTaskEnded(TaskEnded event) {
            trail.add(event.task() + " " + event.outcome() + event.failure().map(f -> " " + f.getMessage()).orElse(""));
            throw new OutOfMemoryError("a listener that fails");
        }

        @Override
        public void onCompensationEnded(CompensationEnded event) {
            trail.add("undo " + event.task() + " " + event.outcome() + " after " + event.attempts());
            throw new StackOverflowError("a listener that fails");
        }

        @Override
        public void onRunEnded(RunReport report) {
            trail.add("ended " + report.outcome());
            throw new IllegalStateException("a listener that fails");
        }
    }

    @Test
    void aFailedSagaIsHeardInOrderAndAListenerThatThrowsChangesNothing() throws Exception {
        Recording listener = new Recording();
        Graph<String> graph = Graph.builder("listened", String.class)
                .task(ORDER, in -> "order of " + in.input(), t -> t.withCompensation(o -> { }))
                .task(GIFT, List.of(ORDER), in -> "wrapped", t -> t.onlyIf(in -> false))
                .task(PAY, List.of(GIFT), in -> {
                    throw new IllegalStateException("declined");
                })
                .build();
        GraphFailedException e;
        try (Diagnostics.Registration registration = Graph.addListener(listener)) {
            e = catchFailure(() -> graph.run("alice"));
        }
        assertThat(e.getCause()).hasMessage("declined");
        assertThat(e.report().task(ORDER).outcome()).isEqualTo(TaskOutcome.COMPENSATED);
        assertThat(listener.trail.events()).containsExactly("started listened with alice", "create order SUCCEEDED",
                "gift wrap SKIPPED", "authorise payment FAILED declined", "undo create order COMPENSATED after 1",
                "ended FAILED");
    }

    @Test
    void aRemovedListenerHearsNothingMore() throws Exception {
        Recording listener = new Recording();
        Graph<String> graph = Graph.builder("quiet", String.class).task(ORDER, in -> "o").build();
        Graph.addListener(listener).close();
        graph.run("bob");
        assertThat(listener.trail.events()).isEmpty();
    }
}
