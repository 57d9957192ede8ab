package dev.skein.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.scope.Scope;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** The kit on its own, without the engine. */
class SkeinTestKitTest {

    private static final int DEPTH = 10_000;

    @Test
    void awaitBlockedFindsABranchTenThousandLevelsDown() throws Exception {
        SkeinTestKit kit = new SkeinTestKit(Diagnostics.lastScopeId());
        CountDownLatch release = new CountDownLatch(1);
        try (var root = Scope.open(cfg -> cfg.withName("deep 1"))) {
            root.fork("level 1", () -> openBelow(2, release));
            BranchSnapshot leaf;
            try {
                leaf = kit.awaitBlocked("leaf", Duration.ofMinutes(1)); // generous: a slow machine builds the tree slowly
            } finally {
                release.countDown(); // the tree unwinds by joins, from the leaf up
            }
            root.join();
            assertThat(leaf.waitingAt()).anyMatch(frame -> frame.getMethodName().equals("waitAtTheBottom"));
        }
    }

    private static Void openBelow(int level, CountDownLatch release) throws Exception {
        try (var scope = Scope.open(cfg -> cfg.withName("deep " + level))) {
            if (level == DEPTH) {
                scope.fork("leaf", () -> waitAtTheBottom(release));
            } else {
                scope.fork("level " + level, () -> openBelow(level + 1, release));
            }
            scope.join();
        }
        return null;
    }

    private static void waitAtTheBottom(CountDownLatch release) throws InterruptedException {
        release.await();
    }
}
