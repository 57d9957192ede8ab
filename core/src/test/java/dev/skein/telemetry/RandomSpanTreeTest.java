package dev.skein.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.scope.Scope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random trees of scopes whose branches succeed, fail, block until cancelled, cancel their scope and nest
 * scopes, under a deadline: every span started is ended, every scope makes one span, and every span's
 * parent is in the trace (the request's span, or a Skein span). Seeded; {@code -Dskein.randomSpanTrees=N}.
 */
class RandomSpanTreeTest {

    static LongStream seeds() {
        return LongStream.range(0, Long.getLong("skein.randomSpanTrees", 60));
    }

    private final Tracing tracing = new Tracing();

    @AfterEach
    void close() {
        tracing.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everySpanIsEndedAndParentedInTheTree(long seed) throws Exception {
        Random random = new Random(seed);
        AtomicInteger scopes = new AtomicInteger();
        Span request = tracing.sdk.getTracer("test").spanBuilder("request").startSpan();
        try (var current = request.makeCurrent()) {
            tree(random, 0, scopes, Duration.ofMillis(20 + random.nextInt(60)));
        } catch (Exception expected) {
            // failures, cancellations and deadlines are part of the plan
        } finally {
            request.end();
        }
        assertThat(tracing.ended).as("seed %d: spans ended", seed).hasValue(tracing.started.get());
        Map<String, SpanData> byId = tracing.spans().stream()
                .collect(Collectors.toMap(SpanData::getSpanId, Function.identity()));
        for (SpanData span : tracing.spans()) {
            if (span.getName().equals("request")) {
                continue;
            }
            assertThat(byId).as("seed %d: parent of %s is in the trace", seed, span.getName())
                    .containsKey(span.getParentSpanId());
            assertThat(span.getTraceId()).isEqualTo(request.getSpanContext().getTraceId());
            SpanData parent = byId.get(span.getParentSpanId());
            boolean isScope = span.getName().startsWith("scope");
            if (isScope) {
                assertThat(parent.getName()).as("seed %d: a scope's parent is a branch or the request", seed)
                        .matches(n -> n.equals("request") || n.startsWith("b"));
            } else {
                assertThat(parent.getName()).as("seed %d: a branch's parent is its scope", seed).startsWith("scope");
            }
        }
        assertThat(tracing.spans().stream().filter(s -> s.getName().startsWith("scope")).count())
                .as("seed %d: one span per scope", seed).isEqualTo(scopes.get());
    }

    private static Object tree(Random random, int depth, AtomicInteger scopes, Duration timeout) throws Exception {
        scopes.incrementAndGet();
        return Scope.run(cfg -> timeout == null ? cfg.withName("scope-" + depth) : cfg.withName("scope-" + depth)
                .withTimeout(timeout), scope -> {
            int fanOut = 1 + random.nextInt(4);
            for (int i = 0; i < fanOut; i++) {
                Random branchRandom = new Random(random.nextLong());
                int action = branchRandom.nextInt(depth < 2 ? 6 : 4);
                scope.fork("b" + action, () -> switch (action) {
                    case 0 -> "done";
                    case 1 -> throw new IllegalStateException("planned");
                    case 2 -> {
                        Thread.sleep(Duration.ofMinutes(5)); // until the deadline or a failure cancels it
                        yield null;
                    }
                    case 3 -> {
                        scope.cancel();
                        yield null;
                    }
                    default -> tree(branchRandom, depth + 1, scopes, null);
                });
            }
            scope.join();
            return null;
        });
    }
}
