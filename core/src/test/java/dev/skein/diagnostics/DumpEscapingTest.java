package dev.skein.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Names are the users': whatever they hold, the dumps stay well-formed, one entry a line, bounded. */
class DumpEscapingTest {

    private static final List<String> HOSTILE = List.of(
            "quote\" back\\slash",
            "controls \u0000\u0001\u001f\u007f\u0085 tab\t cr\r lf\n end",
            "</script><script>alert(1)</script>",
            "a & b > c <!--",
            "line\u2028separator\u2029paragraph",
            "lone high \uD83D end",
            "lone low \uDE00 end",
            "\uDE00\uD83D reversed pair",
            "emoji \uD83D\uDE00 pair");

    @Test
    void jsonReadsBackToExactlyTheSameNamesAndCanSitInsideAPage() throws Exception {
        CountDownLatch open = new CountDownLatch(HOSTILE.size());
        CountDownLatch release = new CountDownLatch(1);
        String json;
        try (var scope = Scope.openSupervisor(cfg -> cfg.withName("hostile-json"))) {
            for (String name : HOSTILE) {
                scope.fork(name, () -> {
                    try (var inner = Scope.open(cfg -> cfg.withName(name))) {
                        inner.fork(name, () -> {
                            open.countDown();
                            release.await();
                        });
                        inner.join();
                    }
                });
            }
            open.await();
            json = Diagnostics.dumpJson();
            release.countDown();
            scope.join();
        }

        assertThat(json).doesNotContain("<", ">", "&", "\u2028", "\u2029");
        assertThat(json.chars()).noneMatch(c -> c < 0x20 || c == 0x7f);
        assertThat(json.codePoints()).as("no lone surrogate").noneMatch(cp -> Character.getType(cp) == Character.SURROGATE);
        // as a browser or a tool receives it: UTF-8 bytes
        JsonNode parsed = new ObjectMapper().readTree(json.getBytes(StandardCharsets.UTF_8));
        JsonNode root = null;
        for (JsonNode node : parsed) {
            root = node.get("name").asText().equals("hostile-json") ? node : root;
        }
        assertThat(root).isNotNull();
        List<String> branchNames = new ArrayList<>();
        List<String> scopeNames = new ArrayList<>();
        List<String> innerBranchNames = new ArrayList<>();
        for (JsonNode branch : root.get("branches")) {
            branchNames.add(branch.get("name").asText());
            JsonNode inner = branch.get("scopes").get(0);
            scopeNames.add(inner.get("name").asText());
            innerBranchNames.add(inner.get("branches").get(0).get("name").asText());
        }
        assertThat(branchNames).containsExactlyElementsOf(HOSTILE);
        assertThat(scopeNames).containsExactlyElementsOf(HOSTILE);
        assertThat(innerBranchNames).containsExactlyElementsOf(HOSTILE);
    }

    private static final Pattern ONE_ENTRY = Pattern.compile(" *(\\(depth \\d+\\) )?scope '.*| *branch '.*| *at .*|\\(no open scopes\\)");

    @Test
    void theTextHasOneLinePerEntryWhateverNamesCancellationsAndThreadNamesHold() throws Exception {
        String scopeName = "evil\nscope 'forged-scope' #1 [fail-fast, OPEN] age 0 ms";
        String branchName = "b\r\n  branch 'forged-branch' [RUNNING, thread WAITING] age 0 ms\u2028\u0085\u2029";
        String ownerName = "owner\n      at forged.Frame(Forged.java:1)";
        CountDownLatch dumped = new CountDownLatch(1);
        CountDownLatch waiting = new CountDownLatch(1);
        AtomicReference<String> text = new AtomicReference<>();
        Thread owner = Thread.ofVirtual().name(ownerName).start(() -> {
            try (var scope = Scope.openSupervisor(cfg -> cfg.withName(scopeName))) {
                Branch<Void> cancelled = scope.fork(branchName, () -> {
                    waiting.countDown();
                    dumped.await();
                });
                scope.fork("keeps the scope open", () -> dumped.await());
                waiting.await();
                cancelled.cancel();
                await().until(() -> cancelled.state() == Branch.State.CANCELLED);
                text.set(Diagnostics.dumpText());
                dumped.countDown();
                scope.join();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        owner.join();

        String dump = text.get();
        assertThat(dump.lines()).allMatch(line -> ONE_ENTRY.matcher(line).matches());
        assertThat(dump).contains("scope 'evil\\nscope 'forged-scope' #1",
                "branch 'b\\r\\n  branch 'forged-branch'",
                "cancelled: REQUESTED in 'evil\\nscope 'forged-scope'",
                "owner\\n      at forged.Frame");
    }

    @Test
    void backslashesAreDoubledSoAnEscapeInTheTextAlwaysMeansAnEscapedCharacter() throws Exception {
        try (var scope = Scope.open(cfg -> cfg.withName("not a newline: \\n, a bell: \u0007"))) {
            assertThat(Diagnostics.dumpText()).contains("scope 'not a newline: \\\\n, a bell: \\u0007'");
            scope.join();
        }
    }

    @Test
    void longNamesAreCutInBothDumps() throws Exception {
        String name = "n".repeat(10_000);
        try (var scope = Scope.open(cfg -> cfg.withName(name))) {
            String cut = "n".repeat(200) + "…(9800 more chars)";
            assertThat(Diagnostics.dumpText()).contains("scope '" + cut + "'").doesNotContain("n".repeat(201));
            assertThat(Diagnostics.dumpJson()).contains("\"name\":\"" + cut + "\"").doesNotContain("n".repeat(201));
            assertThat(Diagnostics.snapshot()).anyMatch(s -> s.name().equals(name)); // the data keeps it whole
            scope.join();
        }
    }
}
