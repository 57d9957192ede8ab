package dev.skein.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.context.SkeinContext;
import dev.skein.diagnostics.Diagnostics;
import java.io.Serial;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random trees of scopes (fail-fast and supervisor, with and without deadlines and caps) whose branches
 * succeed, fail, throw Errors, block until cancelled, poll, swallow interrupts, nest scopes and cancel
 * their own scope. For every tree: join never hangs, every branch ends, every failure reaches the root's
 * outcome (or, under a scope cancelled on request, is reported as Skein documents), no branch thread
 * outlives the tree, and no scope of it stays in the live tree. Each seed is reproducible in structure;
 * run more with {@code -Dskein.randomTrees=N}.
 */
class RandomScopeTreeTest {

    static LongStream seeds() {
        return LongStream.range(0, Long.getLong("skein.randomTrees", 120));
    }

    static final class Planned extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        Planned(String where) {
            super("planned failure in " + where, null, false, false);
        }
    }

    /** What one random tree did, collected from all its threads. */
    static final class Trace {
        final String prefix;
        final ConcurrentLinkedQueue<Branch<?>> branches = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Node> nodes = new ConcurrentLinkedQueue<>();
        final AtomicInteger ids = new AtomicInteger();

        Trace(long seed) {
            this.prefix = "tree" + seed + "-";
        }
    }

    /** A branch with the scopes above it, to know whether one was cancelled on request. */
    record Node(Branch<?> branch, List<AtomicReference<Boolean>> cancelledOnRequestAbove) {
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyRandomTreeEndsCleanly(long seed) throws Exception {
        Trace trace = new Trace(seed);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread owner = Thread.ofVirtual().start(() -> {
            try {
                // the root always has a deadline, so branches that block until cancelled always end
                Random random = new Random(seed);
                runScope(trace, random, 0, Duration.ofMillis(20 + random.nextInt(60)), List.of());
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        if (!owner.join(Duration.ofSeconds(30))) {
            throw new AssertionError("seed " + seed + ": the root scope did not end; live tree:\n" + Diagnostics.dumpText());
        }

        Set<Throwable> reachable = Collections.newSetFromMap(new IdentityHashMap<>());
        collect(outcome.get(), reachable);
        for (Node node : trace.nodes) {
            Branch<?> b = node.branch();
            assertThat(b.state().isDone()).as("seed %d: %s ended", seed, b.name()).isTrue();
            boolean requestAbove = node.cancelledOnRequestAbove().stream().anyMatch(AtomicReference::get);
            if (b.state() == Branch.State.FAILED && !requestAbove) {
                assertThat(reachable).as("seed %d: failure of %s reaches the root's outcome %s", seed, b.name(),
                                describe(outcome.get()))
                        .contains(b.failureNow());
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> trace.threads.stream().noneMatch(Thread::isAlive));
        assertThat(Diagnostics.snapshot()).noneMatch(s -> s.name().startsWith(trace.prefix));
    }

    private static Object runScope(Trace trace, Random random, int depth, Duration timeout,
            List<AtomicReference<Boolean>> above) throws InterruptedException {
        String name = trace.prefix + "d" + depth + "-" + trace.ids.incrementAndGet();
        boolean supervisor = random.nextInt(3) == 0;
        int cap = random.nextInt(5) == 0 ? 1 + random.nextInt(3) : 0;
        Duration own = timeout != null ? timeout : random.nextInt(4) == 0 ? Duration.ofMillis(5 + random.nextInt(40)) : null;
        AtomicReference<Boolean> requested = new AtomicReference<>(false);
        List<AtomicReference<Boolean>> path = new ArrayList<>(above);
        path.add(requested);
        ScopeBody<Object> body = scope -> {
            int fanOut = 1 + random.nextInt(5);
            for (int i = 0; i < fanOut; i++) {
                Random branchRandom = new Random(random.nextLong());
                int action = branchRandom.nextInt(depth < 3 ? 10 : 8);
                String branchName = "b" + i + "-a" + action;
                Branch<Object> b = scope.fork(branchName, () -> {
                    trace.threads.add(Thread.currentThread());
                    return act(trace, branchRandom, action, depth, name + "/" + branchName, scope, requested, path);
                });
                trace.branches.add(b);
                trace.nodes.add(new Node(b, path));
            }
            if (random.nextInt(12) == 0) {
                requested.set(true);
                scope.cancel();
            }
            scope.join();
            return null;
        };
        UnaryOperator config = cfg -> {
            ScopeConfig c = cfg.withName(name);
            if (own != null) {
                c = c.withTimeout(own);
            }
            return cap > 0 ? c.withMaxConcurrency(cap) : c;
        };
        return supervisor ? Scope.runSupervisor(config::apply, body) : Scope.run(config::apply, body);
    }

    @FunctionalInterface
    interface UnaryOperator extends java.util.function.UnaryOperator<ScopeConfig> {
    }

    private static Object act(Trace trace, Random r, int action, int depth, String where, Scope scope,
            AtomicReference<Boolean> requested, List<AtomicReference<Boolean>> path) throws Exception {
        switch (action) {
            case 0 -> {
                return "quick";
            }
            case 1 -> {
                Thread.sleep(r.nextInt(3)); // simulated work, not synchronisation
                return "slow";
            }
            case 2 -> throw new Planned(where);
            case 3 -> {
                Thread.sleep(Duration.ofMinutes(1)); // ends only by cancellation
                return "unreachable";
            }
            case 4 -> {
                while (true) {
                    SkeinContext.current().throwIfCancelled();
                    Thread.onSpinWait();
                }
            }
            case 5 -> throw new AssertionError("planned Error in " + where);
            case 6 -> {
                try {
                    Thread.sleep(Duration.ofMinutes(1));
                } catch (InterruptedException swallowed) {
                    return "swallowed the interrupt and returned";
                }
                return "unreachable";
            }
            case 7 -> {
                if (r.nextBoolean()) {
                    requested.set(true);
                    scope.cancel();
                }
                return "maybe cancelled my scope";
            }
            default -> {
                return runScope(trace, r, depth + 1, null, path);
            }
        }
    }

    private static String describe(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        if (t != null) {
            t.printStackTrace(new java.io.PrintWriter(out));
        }
        return out.toString().lines().filter(l -> !l.contains("\tat ")).collect(java.util.stream.Collectors.joining("\n"));
    }

    private static void collect(Throwable t, Set<Throwable> into) {
        if (t == null || !into.add(t)) {
            return;
        }
        collect(t.getCause(), into);
        for (Throwable s : t.getSuppressed()) {
            collect(s, into);
        }
    }
}
