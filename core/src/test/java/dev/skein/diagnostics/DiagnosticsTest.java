package dev.skein.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import dev.skein.scope.ScopeConfig;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The live tree, as data, text and JSON. */
class DiagnosticsTest {

    @Test
    void aScopeOpenedAtAGivenSiteIsReportedThereAndNotWhereItWasOpened() throws Exception {
        StackTraceElement site = new StackTraceElement("com.example.Orders", "place", null, -1);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (var scope = Scope.open(cfg -> cfg.withName("given-site").withOpenedAt(site))) {
            scope.fork("waits", () -> {
                inside.countDown();
                release.await();
            });
            inside.await();
            assertThat(Diagnostics.snapshot()).filteredOn(s -> s.name().equals("given-site"))
                    .singleElement().satisfies(s -> assertThat(s.openedAt()).containsSame(site));
            assertThat(Diagnostics.dumpText()).contains("scope 'given-site'", "opened at com.example.Orders.place(Unknown Source)");
            release.countDown();
            scope.join();
        }
        assertThatThrownBy(() -> ScopeConfig.defaults().withOpenedAt(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("site");
    }

    @Test
    void theLiveTreeShowsScopesBranchesNestingDeadlinesAndWhereBranchesWait() throws Exception {
        CountDownLatch ready = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (var scope = Scope.open(cfg -> cfg.withName("dump-me").withTimeout(Duration.ofMinutes(10)))) {
            scope.fork("waiter", () -> {
                ready.countDown();
                release.await();
            });
            scope.fork("nester", () -> {
                try (var inner = Scope.openSupervisor(cfg -> cfg.withName("inner"))) {
                    inner.fork("leaf", () -> {
                        ready.countDown();
                        release.await();
                    });
                    inner.join();
                }
            });
            ready.await();
            await().until(() -> leafIsWaiting(Diagnostics.snapshot()));

            ScopeSnapshot root = Diagnostics.snapshot().stream().filter(s -> s.name().equals("dump-me")).findFirst().orElseThrow();
            assertThat(root.kind()).isEqualTo("fail-fast");
            assertThat(root.state()).isEqualTo("OPEN");
            assertThat(root.deadlineLeft()).get().matches(left -> left.compareTo(Duration.ofMinutes(9)) > 0);
            assertThat(root.openedAt()).get().matches(site -> site.getClassName().equals(DiagnosticsTest.class.getName()));
            assertThat(root.branches()).extracting(BranchSnapshot::name).containsExactly("waiter", "nester");
            BranchSnapshot waiter = root.branches().getFirst();
            assertThat(waiter.state()).isEqualTo(Branch.State.RUNNING);
            assertThat(waiter.waitingAt()).anyMatch(frame -> frame.getClassName().contains("CountDownLatch"));
            ScopeSnapshot inner = root.branches().get(1).scopes().getFirst();
            assertThat(inner.name()).isEqualTo("inner");
            assertThat(inner.kind()).isEqualTo("supervisor");
            assertThat(inner.deadlineLeft()).isPresent(); // inherited

            String text = Diagnostics.dumpText();
            assertThat(text).contains("scope 'dump-me'", "branch 'waiter' [RUNNING", "scope 'inner'", "branch 'leaf'",
                    "deadline in", "CountDownLatch");

            JsonNode json = new ObjectMapper().readTree(Diagnostics.dumpJson());
            JsonNode jsonRoot = null;
            for (JsonNode node : json) {
                if (node.get("name").asText().equals("dump-me")) {
                    jsonRoot = node;
                }
            }
            assertThat(jsonRoot).isNotNull();
            assertThat(jsonRoot.get("branches").get(1).get("scopes").get(0).get("branches").get(0).get("name").asText())
                    .isEqualTo("leaf");
            assertThat(jsonRoot.get("deadlineLeftMillis").asLong()).isGreaterThan(0);
            release.countDown();
            scope.join();
        }
        assertThat(Diagnostics.snapshot()).noneMatch(s -> s.name().equals("dump-me"));
    }

    private static boolean leafIsWaiting(java.util.List<ScopeSnapshot> roots) {
        return roots.stream().filter(s -> s.name().equals("dump-me"))
                .flatMap(s -> s.branches().stream())
                .flatMap(b -> b.scopes().stream())
                .flatMap(s -> s.branches().stream())
                .anyMatch(b -> !b.waitingAt().isEmpty());
    }

    @Test
    void whereABranchWaitsStartsAtWhatItWaitsOnAndReachesTheUsersOwnMethod() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BranchSnapshot parked;
        try (var scope = Scope.open(cfg -> cfg.withName("parked-deep"))) {
            scope.fork("parked", () -> handleOrder(release));
            parked = await().until(() -> branchOf("parked-deep"), branch -> !branch.waitingAt().isEmpty());
            release.countDown();
            scope.join();
        }
        assertThat(parked.waitingAt()).anyMatch(frame -> frame.getMethodName().equals("handleOrder"));
        StackTraceElement top = parked.waitingAt().getFirst();
        assertThat(top.getClassName() + "." + top.getMethodName()).isEqualTo(CountDownLatch.class.getName() + ".await");
    }

    /** The user's method, which waits eight calls down, in a library. */
    private static Void handleOrder(CountDownLatch release) throws InterruptedException {
        return library(8, release);
    }

    private static Void library(int calls, CountDownLatch release) throws InterruptedException {
        if (calls == 0) {
            release.await();
            return null;
        }
        return library(calls - 1, release);
    }

    private static BranchSnapshot branchOf(String scopeName) {
        return Diagnostics.snapshot().stream().filter(s -> s.name().equals(scopeName)).findFirst().orElseThrow()
                .branches().getFirst();
    }

    @Test
    void aScopeCanBeCancelledByIdFromTooling() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        try (var scope = Scope.open(cfg -> cfg.withName("by-id"))) {
            Branch<Void> b = scope.fork(() -> {
                started.countDown();
                Thread.sleep(Duration.ofMinutes(5));
            });
            started.await();
            long id = Diagnostics.snapshot().stream().filter(s -> s.name().equals("by-id")).findFirst().orElseThrow().id();
            assertThat(Diagnostics.cancel(id)).isTrue();
            scope.join();
            assertThat(b.state()).isEqualTo(Branch.State.CANCELLED);
        }
        assertThat(Diagnostics.cancel(Long.MAX_VALUE)).isFalse();
    }

    @Test
    void jsonEscapesWhatNamesMayContain() throws Exception {
        try (var scope = Scope.open(cfg -> cfg.withName("quote\" back\\slash\nnewline"))) {
            String json = Diagnostics.dumpJson();
            JsonNode parsed = new ObjectMapper().readTree(json);
            boolean found = false;
            for (JsonNode node : parsed) {
                found |= node.get("name").asText().equals("quote\" back\\slash\nnewline");
            }
            assertThat(found).isTrue();
            scope.join();
        }
    }

    @Test
    void aLongLivedScopeLetsGoOfTheBranchesThatHaveEnded() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (var scope = Scope.open(cfg -> cfg.withName("long-lived"))) {
            scope.fork("keeps-running", () -> {
                release.await();
            });
            java.util.List<Branch<Integer>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 4094; i++) { // up to index 4094: no push unlinks
                done.add(scope.fork(() -> 1));
            }
            await().until(() -> done.stream().noneMatch(b -> b.state() == Branch.State.RUNNING));
            assertThat(branchesOf("long-lived")).isEqualTo(4095);

            Branch<Integer> last = scope.fork(() -> 1); // index 4095: its push unlinks the ended ones
            await().until(() -> last.state() != Branch.State.RUNNING);
            assertThat(branchesOf("long-lived")).isEqualTo(2); // the one that runs, and the newest (the head), never unlinked
            await().until(() -> Diagnostics.snapshot().stream().filter(s -> s.name().equals("long-lived")).findFirst()
                    .orElseThrow().branches().getLast().threadState() == Thread.State.TERMINATED);

            release.countDown();
            scope.join();
        }
    }

    private static int branchesOf(String scopeName) {
        return Diagnostics.snapshot().stream().filter(s -> s.name().equals(scopeName)).findFirst().orElseThrow()
                .branches().size();
    }
}
