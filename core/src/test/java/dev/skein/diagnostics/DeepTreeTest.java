package dev.skein.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.scope.Scope;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** A tree as deep as users make it: each level's branch opens the next scope. Nothing may recurse over it. */
class DeepTreeTest {

    private static final int DEPTH = 10_000;

    @Test
    void aTreeTenThousandLevelsDeepCanBeSnapshotDumpedPrintedAndSearched() throws Exception {
        CountDownLatch leafWaits = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (var root = Scope.open(cfg -> cfg.withName("deep 1"))) {
            root.fork("level 1", () -> openBelow(2, leafWaits, release));
            leafWaits.await();
            try {
                ScopeSnapshot top = Diagnostics.snapshot().stream().filter(s -> s.name().equals("deep 1")).findFirst().orElseThrow();
                assertThat(levelsBelow(top)).isEqualTo(DEPTH);
                assertThat(top.toString()).contains("'deep 1'", "1 branch").hasSizeLessThan(200);
                assertThat(top.branches().getFirst().toString()).contains("'level 1'", "1 scope").hasSizeLessThan(200);

                String text = Diagnostics.dumpText();
                assertThat(text).contains("(depth 9999) scope 'deep 10000'", "branch 'level 10000'");
                assertThat(text.lines().mapToInt(String::length).max().orElseThrow())
                        .as("indentation stops growing").isLessThan(1_000);

                JsonNode json = deepReader().readTree(Diagnostics.dumpJson());
                JsonNode node = null;
                for (JsonNode scope : json) {
                    node = scope.get("name").asText().equals("deep 1") ? scope : node;
                }
                int levels = 0;
                for (; node != null; node = node.get("branches").get(0).get("scopes").get(0)) {
                    levels++;
                }
                assertThat(levels).isEqualTo(DEPTH);

                assertThat(Diagnostics.cancel(Long.MAX_VALUE)).as("searched the whole tree, found nothing").isFalse();
            } finally {
                release.countDown(); // the tree unwinds by joins, from the leaf up
            }
            root.join();
        }
        assertThat(Diagnostics.snapshot()).noneMatch(s -> s.name().equals("deep 1"));
    }

    private static Void openBelow(int level, CountDownLatch leafWaits, CountDownLatch release) throws Exception {
        try (var scope = Scope.open(cfg -> cfg.withName("deep " + level))) {
            scope.fork("level " + level, () -> {
                if (level == DEPTH) {
                    leafWaits.countDown();
                    release.await();
                    return null;
                }
                return openBelow(level + 1, leafWaits, release);
            });
            scope.join();
        }
        return null;
    }

    private static int levelsBelow(ScopeSnapshot top) {
        int levels = 0;
        for (List<ScopeSnapshot> scopes = List.of(top); !scopes.isEmpty(); scopes = scopes.getFirst().branches().getFirst().scopes()) {
            assertThat(scopes).hasSize(1);
            assertThat(scopes.getFirst().branches()).hasSize(1);
            levels++;
        }
        return levels;
    }

    /** Jackson refuses JSON nested deeper than 1,000 by default; this one is 40,000 deep on purpose. */
    private static ObjectMapper deepReader() {
        return new ObjectMapper(JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
                .build());
    }
}
