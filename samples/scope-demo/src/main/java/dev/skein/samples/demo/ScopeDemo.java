package dev.skein.samples.demo;

import dev.skein.BranchFailedException;
import dev.skein.DeadlineExceededException;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A runnable tour of a Skein scope, with simulated remote calls (their latency is a sleep):
 * a fan-out that keeps its partial results when the deadline passes, a fail-fast checkout, a supervised
 * batch, the live tree dump, and the order saga as a task graph with compensation.
 */
public final class ScopeDemo {

    private ScopeDemo() {
    }

    public static void main(String[] args) throws Exception {
        quotesWithADeadline();
        checkoutFailsFast();
        batchUnderASupervisor();
        liveTreeDump();
        SagaDemo.run();
    }

    /** Ask three suppliers; take what arrived within 300 ms. */
    static void quotesWithADeadline() throws InterruptedException {
        System.out.println("== 1. fan-out with a 300 ms deadline");
        List<Branch<Integer>> quotes = new ArrayList<>();
        try (var scope = Scope.open(cfg -> cfg.withName("quotes").withTimeout(Duration.ofMillis(300)))) {
            quotes.add(scope.fork("supplier-a", () -> remoteCall(Duration.ofMillis(40), 120)));
            quotes.add(scope.fork("supplier-b", () -> remoteCall(Duration.ofMillis(90), 110)));
            quotes.add(scope.fork("supplier-c", () -> remoteCall(Duration.ofSeconds(5), 90)));
            scope.join();
        } catch (DeadlineExceededException e) {
            System.out.println("   " + e.getMessage());
        }
        // the handles stay readable: the branches that succeeded keep their results
        for (Branch<Integer> quote : quotes) {
            System.out.println("   " + quote.name() + ": " + quote.state()
                    + (quote.state() == Branch.State.SUCCEEDED ? " " + quote.resultNow() : ""));
        }
    }

    /** Reserve stock and charge the card in parallel; the card is declined, so the reservation is cancelled. */
    static void checkoutFailsFast() throws InterruptedException {
        System.out.println("== 2. fail-fast checkout");
        Branch<String> stock = null;
        try (var scope = Scope.open(cfg -> cfg.withName("checkout"))) {
            stock = scope.fork("reserve-stock", () -> remoteCall(Duration.ofSeconds(5), "reserved"));
            scope.fork("charge-card", () -> {
                remoteCall(Duration.ofMillis(50), null);
                throw new IllegalStateException("card declined");
            });
            scope.join();
        } catch (BranchFailedException e) {
            System.out.println("   failed: " + e.getMessage());
            System.out.println("   reserve-stock ended as " + stock.state() + " ("
                    + stock.cancellation().orElseThrow().describe() + ")");
        }
    }

    /** Five jobs; two fail; the others finish anyway and every failure is reported together. */
    static void batchUnderASupervisor() throws InterruptedException {
        System.out.println("== 3. supervised batch");
        try (var scope = Scope.openSupervisor(cfg -> cfg.withName("batch"))) {
            for (int i = 1; i <= 5; i++) {
                int job = i;
                scope.fork("job-" + job, () -> {
                    remoteCall(Duration.ofMillis(10L * job), null);
                    if (job % 2 == 0) {
                        throw new IllegalArgumentException("job " + job + " has bad input");
                    }
                    return job;
                });
            }
            scope.join();
        } catch (BranchFailedException e) {
            e.failures().forEach(f -> System.out.println("   " + f.branchName() + " failed: " + f.exception().getMessage()));
        }
    }

    /** The tree of scopes and branches, while they run. */
    static void liveTreeDump() throws InterruptedException {
        System.out.println("== 4. the live tree");
        CountDownLatch allWaiting = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (var scope = Scope.open(cfg -> cfg.withName("order-42").withTimeout(Duration.ofSeconds(30)))) {
            scope.fork("inventory", () -> {
                allWaiting.countDown();
                release.await();
            });
            scope.fork("payment", () -> {
                try (var nested = Scope.open(cfg -> cfg.withName("payment-providers"))) {
                    nested.fork("provider-x", () -> {
                        allWaiting.countDown();
                        release.await();
                    });
                    nested.join();
                }
            });
            allWaiting.await();
            System.out.print(Diagnostics.dumpText().lines()
                    .filter(line -> !line.contains("java.base"))
                    .map(line -> "   " + line + "\n").reduce("", String::concat));
            release.countDown();
            scope.join();
        }
    }

    private static <T> T remoteCall(Duration latency, T answer) throws InterruptedException {
        Thread.sleep(latency);
        return answer;
    }
}
