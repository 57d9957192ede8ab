package dev.skein.quarkus.test.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skein.DeadlineExceededException;
import dev.skein.GraphFailedException;
import dev.skein.quarkus.SkeinGraph;
import dev.skein.quarkus.test.config.SlowGraph.Done;
import dev.skein.quarkus.test.config.SlowGraph.Work;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** quarkus.skein.graph."<name>" and its tasks override what the annotations say. */
class GraphOverridesTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(root -> root.addClasses(SlowGraph.class))
            .overrideConfigKey("quarkus.skein.graph.configured.task.slow.timeout", "2s") // the annotation says 1h
            .overrideConfigKey("quarkus.skein.graph.configured.compensation-retries", "3")
            .overrideConfigKey("quarkus.skein.graph.configured.task.start.compensation-retries", "1");

    @Inject
    SkeinGraph<Work, Done> graph;

    @Inject
    SlowGraph bean;

    @BeforeEach
    void reset() {
        bean.reset();
    }

    @Test
    @Timeout(60) // an ignored override would leave the annotation's hour
    void aTaskTimeoutFromConfigWinsOverTheAnnotations() {
        assertThatThrownBy(() -> graph.run(new Work(Duration.ofMinutes(5).toMillis(), false)))
                .isInstanceOfSatisfying(GraphFailedException.class, e -> assertThat(e.getCause())
                        .isInstanceOfSatisfying(DeadlineExceededException.class, d -> assertThat(d.scopeName()).isEqualTo("slow")));
    }

    @Test
    void aTasksCompensationRetriesFromConfigWinOverTheGraphsFromConfig() throws Exception {
        assertThatThrownBy(() -> graph.run(new Work(1, true))).isInstanceOf(GraphFailedException.class);
        assertThat(bean.undoAttempts()).isEqualTo(2); // 1 retry for the task, not the graph's 3
    }

    @Test
    void aTaskWithinItsTimeoutSucceeds() throws Exception {
        assertThat(graph.run(new Work(0, false)).slept()).isZero(); // no work: far within the 2 s
    }
}
