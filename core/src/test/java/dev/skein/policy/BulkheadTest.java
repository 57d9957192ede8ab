package dev.skein.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.BranchFailedException;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.junit.jupiter.api.Test;

/** SmallRye's bulkhead caps concurrent calls; a full one rejects at once; permits come back on cancellation. */
class BulkheadTest {

    @Test
    void aBulkheadCapsConcurrencyAndRejectsTheRest() throws Exception {
        Policy bulkhead = Policy.of(p -> p.withBulkhead(3));
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<Branch<Object>> calls = new ArrayList<>();
        try (Scope scope = Scope.openSupervisor()) {
            for (int i = 0; i < 10; i++) {
                calls.add(scope.fork("call-" + i, bulkhead.wrap(() -> {
                    most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    release.await();
                    inside.decrementAndGet();
                    return null;
                })));
            }
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> calls.stream().filter(b -> b.state() == Branch.State.FAILED).count() == 7);
            release.countDown();
            try {
                scope.join();
            } catch (BranchFailedException e) {
                assertThat(e.failures()).hasSize(7)
                        .allSatisfy(f -> assertThat(f.exception()).isInstanceOf(BulkheadException.class));
            }
        }
        assertThat(most).hasValue(3);
        assertThat(bulkhead.state().bulkheadRejections()).isEqualTo(7);
    }

    @Test
    void cancelledCallsGiveTheirPermitsBack() throws Exception {
        Policy bulkhead = Policy.of(p -> p.withBulkhead(2));
        try (Scope scope = Scope.open()) {
            CountDownLatch bothInside = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                scope.fork(bulkhead.wrap(() -> {
                    bothInside.countDown();
                    Thread.sleep(Duration.ofMinutes(5)); // until cancelled
                    return null;
                }));
            }
            bothInside.await();
            scope.cancel();
            scope.join();
        }
        assertThat(bulkhead.call(() -> "a permit is free again")).isEqualTo("a permit is free again");
    }
}
