package dev.skein.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.skein.SkeinException;
import dev.skein.context.Cancellation;
import dev.skein.context.SkeinContext;
import dev.skein.diagnostics.BranchSnapshot;
import dev.skein.diagnostics.Diagnostics;
import dev.skein.diagnostics.ScopeSnapshot;
import dev.skein.diagnostics.SkeinListener;
import dev.skein.scope.Branch;
import dev.skein.scope.Scope;
import dev.skein.scope.ScopeBody;
import dev.skein.scope.ScopeConfig;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.Serial;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The random scope trees of {@code RandomScopeTreeTest} (fail-fast and supervisor, deadlines, caps, short
 * cancellation graces; branches that succeed, fail, throw Errors, block until cancelled, poll, swallow
 * interrupts once or until reported stuck, nest, leave a nested scope open, cancel their scope), grown while
 * every callback Skein makes is hostile: a {@link SkeinListener}, a span processor, an exporter behind a
 * {@link SimpleSpanProcessor}, a {@link ContextCarrier} (capture, install, and what install returns) and the
 * span-name function throw RuntimeExceptions and Errors ({@link AssertionError}, {@link StackOverflowError},
 * {@link OutOfMemoryError}, an Error of their own, an exception whose {@code toString} throws). Which callback
 * throws what is a hash of the seed, the callback and the name at hand, so a seed reproduces it.
 *
 * <p>Whatever they throw, the tree's invariants hold: the root ends; no scope ends while a branch below it
 * runs; every failure reaches the root's outcome (or, under a scope cancelled on request, is reported as
 * Skein documents); no thread or scope outlives the tree. And: nothing hostile reaches an outcome or a
 * failure, each hostile throwable is logged, every span started is ended, every carried context installed
 * is undone. Seeded; run more with {@code -Dskein.hostileTrees=N}.
 */
class HostileRandomTreeTest {

    static LongStream seeds() {
        return LongStream.range(0, Long.getLong("skein.hostileTrees", 100));
    }

    /** The callbacks made hostile; each must have thrown at least once in a run of enough seeds. */
    static final List<String> SITES = List.of("listener.stuck", "listener.unclosed", "processor.start",
            "processor.end", "exporter", "carrier.capture", "carrier.install", "carrier.close", "span-names");
    static final Map<String, LongAdder> THROWN_AT = new ConcurrentHashMap<>();
    static final AtomicInteger SEEDS_RUN = new AtomicInteger();

    /** In the message of every hostile throwable of the JDK's own types. */
    static final String MARK = "thrown by a hostile callback";

    /** The hostility of the tree being grown; null between trees, so other tests never meet it. */
    static volatile Hostility current;

    /** The name of the scope the thread is about to open: what the carrier's capture hashes. */
    static final ThreadLocal<String> OPENING = new ThreadLocal<>();

    static {
        SkeinTelemetry.carry(new HostileCarrier()); // carriers cannot be removed: this one is armed by `current`
    }

    // ---- hostility ------------------------------------------------------------------------------------

    /** Marks the hostile throwables that are not of the JDK's types. */
    interface HostileThrowable {
    }

    static final class HostileException extends RuntimeException implements HostileThrowable {
        @Serial
        private static final long serialVersionUID = 1L;

        HostileException(String message) {
            super(message);
        }
    }

    static final class HostileError extends Error implements HostileThrowable {
        @Serial
        private static final long serialVersionUID = 1L;

        HostileError(String message) {
            super(message);
        }
    }

    /** Cannot even be described: logging it must not break either. */
    static final class Unprintable extends RuntimeException implements HostileThrowable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("hostile getMessage");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("hostile toString");
        }
    }

    /** Which callback throws what, for one seed: a pure function of the seed, the callback and a name. */
    static final class Hostility {
        final long seed;
        final String prefix;
        final int oneIn;
        final Set<Throwable> thrown = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        final ConcurrentLinkedQueue<ReadableSpan> started = new ConcurrentLinkedQueue<>();
        final AtomicInteger installed = new AtomicInteger();
        final AtomicInteger undone = new AtomicInteger();

        Hostility(long seed, String prefix) {
            this.seed = seed;
            this.prefix = prefix;
            this.oneIn = new int[] {1, 2, 3, 2, 4, 3, 6}[(int) (seed % 7)]; // seeds 0, 7, 14...: every callback throws
        }

        long hash(String site, String name) {
            long h = 0xcbf29ce484222325L ^ seed;
            for (String s : new String[] {site, name}) {
                for (int i = 0; i < s.length(); i++) {
                    h = (h ^ s.charAt(i)) * 0x100000001b3L;
                }
                h = (h ^ '|') * 0x100000001b3L;
            }
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            h *= 0xc4ceb9fe1a85ec53L;
            return h ^ (h >>> 33);
        }

        /** Throws, if this seed says that {@code site} throws for {@code name}; names of other trees are spared. */
        void strike(String site, String name) {
            if (name == null || !name.startsWith(prefix)) {
                return;
            }
            long h = hash(site, name);
            if (Long.remainderUnsigned(h, oneIn) != 0) {
                return;
            }
            String message = MARK + ": " + site + " for " + name;
            Throwable weapon = switch ((int) Long.remainderUnsigned(h >>> 32, 6)) {
                case 0 -> new HostileException(message);
                case 1 -> new AssertionError(message);
                case 2 -> new HostileError(message);
                case 3 -> new StackOverflowError(message);
                case 4 -> new OutOfMemoryError(message);
                default -> new Unprintable();
            };
            thrown.add(weapon);
            THROWN_AT.computeIfAbsent(site, s -> new LongAdder()).increment();
            if (weapon instanceof RuntimeException e) {
                throw e;
            }
            throw (Error) weapon;
        }

        /** {@return the throwables among {@code throwables} that hostile callbacks threw, described} */
        List<String> among(Collection<Throwable> throwables) {
            return throwables.stream().filter(t -> thrown.contains(t) || t instanceof HostileThrowable
                    || String.valueOf(t.getMessage()).contains(MARK)).map(HostileRandomTreeTest::line).toList();
        }
    }

    /** A listener that throws on the reports of this tree. */
    static final class HostileListener implements SkeinListener {
        final LongAdder stuck = new LongAdder();
        final LongAdder unclosed = new LongAdder();
        private final Hostility hostility;

        HostileListener(Hostility hostility) {
            this.hostility = hostility;
        }

        @Override
        public void onStuckBranch(ScopeSnapshot scope, BranchSnapshot branch, StackTraceElement[] stack) {
            stuck.increment();
            hostility.strike("listener.stuck", branch.name()); // branch names are paths, unique in the tree
        }

        @Override
        public void onUnclosedScope(ScopeSnapshot scope, String detail) {
            unclosed.increment();
            hostility.strike("listener.unclosed", scope.name());
        }
    }

    /** Throws starting or ending spans, and exporting them. */
    static final class HostileProcessor implements SpanProcessor, SpanExporter {
        private final Hostility hostility;

        HostileProcessor(Hostility hostility) {
            this.hostility = hostility;
        }

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
            hostility.strike("processor.start", span.getName());
        }

        @Override
        public boolean isStartRequired() {
            return true;
        }

        @Override
        public void onEnd(ReadableSpan span) {
            hostility.strike("processor.end", span.getName());
        }

        @Override
        public boolean isEndRequired() {
            return true;
        }

        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            for (SpanData span : spans) {
                hostility.strike("exporter", span.getName());
            }
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public void close() {
        }
    }

    /**
     * Keeps every span that reached it, to check that each was ended. It runs after the hostile processor,
     * so it sees only the spans Skein was given (a span whose start threw never reached Skein); it does not
     * count ends in {@code onEnd}, which the hostile processor before it may keep it from hearing.
     */
    static final class Recording implements SpanProcessor {
        private final Hostility hostility;

        Recording(Hostility hostility) {
            this.hostility = hostility;
        }

        @Override
        public void onStart(Context parentContext, ReadWriteSpan span) {
            hostility.started.add(span);
        }

        @Override
        public boolean isStartRequired() {
            return true;
        }

        @Override
        public void onEnd(ReadableSpan span) {
        }

        @Override
        public boolean isEndRequired() {
            return false;
        }
    }

    /** What the carrier captured: the tree and the scope it was captured for. */
    record Carried(Hostility hostility, String scope) {
    }

    /** Registered once for the JVM; acts (and throws) only on the scopes of the tree being grown. */
    static final class HostileCarrier implements ContextCarrier {
        @Override
        public Object capture() {
            Hostility h = current;
            String scope = OPENING.get();
            if (h == null || scope == null || !scope.startsWith(h.prefix)) {
                return null;
            }
            h.strike("carrier.capture", scope);
            return new Carried(h, scope);
        }

        @Override
        public AutoCloseable install(Object captured) {
            if (!(captured instanceof Carried(Hostility h, String scope))) {
                return null;
            }
            // the branch's span is current here when it has one: its name says which branch this is
            String at = Span.current() instanceof ReadableSpan span ? span.getName() : scope + "/(no span)";
            h.strike("carrier.install", at);
            h.installed.incrementAndGet();
            return () -> {
                h.undone.incrementAndGet();
                h.strike("carrier.close", at);
            };
        }
    }

    /** Keeps what Skein and the OpenTelemetry SDK log while a tree grows, instead of printing it. */
    static final class Captured extends Handler {
        final Set<Throwable> logged = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

        @Override
        public void publish(LogRecord record) {
            if (record.getThrown() != null) {
                logged.add(record.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    // ---- per tree: install the hostile callbacks, restore the JVM afterwards ----------------------------

    private static final List<Logger> LOGGERS = List.of(Logger.getLogger("dev.skein"), Logger.getLogger("io.opentelemetry"));
    private final Captured log = new Captured();
    private final List<Level> levels = new ArrayList<>();
    private OpenTelemetrySdk sdk;
    private Diagnostics.Registration listening;

    @AfterEach
    void restore() {
        current = null;
        if (listening != null) {
            listening.close();
        }
        SkeinTelemetry.nameSpans(UnaryOperator.identity());
        SkeinTelemetry.uninstall();
        if (sdk != null) {
            sdk.close();
        }
        for (int i = 0; i < levels.size(); i++) {
            LOGGERS.get(i).removeHandler(log);
            LOGGERS.get(i).setUseParentHandlers(true);
            LOGGERS.get(i).setLevel(levels.get(i));
        }
    }

    private HostileListener arm(Hostility hostility) {
        for (Logger logger : LOGGERS) {
            levels.add(logger.getLevel());
            logger.setLevel(Level.ALL);
            logger.addHandler(log);
            logger.setUseParentHandlers(false);
        }
        HostileProcessor hostile = new HostileProcessor(hostility);
        sdk = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(hostile)
                .addSpanProcessor(new Recording(hostility))
                .addSpanProcessor(SimpleSpanProcessor.create(hostile))
                .build()).build();
        SkeinTelemetry.install(sdk);
        SkeinTelemetry.nameSpans(name -> {
            Hostility h = current;
            if (h == null) {
                return name;
            }
            h.strike("span-names", name);
            return Long.remainderUnsigned(h.hash("blank", name), 8) == 0 ? " " : name; // blank: the name stays
        });
        HostileListener listener = new HostileListener(hostility);
        listening = Diagnostics.addListener(listener);
        current = hostility;
        return listener;
    }

    // ---- the tree -------------------------------------------------------------------------------------

    static final class Planned extends RuntimeException {
        @Serial
        private static final long serialVersionUID = 1L;

        Planned(String where) {
            super("planned failure in " + where, null, false, false);
        }
    }

    /** What one tree did, collected from all its threads. */
    static final class Tree {
        final String prefix;
        final ConcurrentLinkedQueue<Node> nodes = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> endedEarly = new ConcurrentLinkedQueue<>();

        Tree(long seed) {
            this.prefix = "hostile" + seed + "-";
        }

        void forked(Branch<?> branch, List<AtomicBoolean> requestsAbove, List<Below> enclosing) {
            nodes.add(new Node(branch, requestsAbove));
            enclosing.forEach(scope -> scope.branches().add(branch));
        }
    }

    /** A branch with the "cancelled on request" flags of the scopes above it. */
    record Node(Branch<?> branch, List<AtomicBoolean> cancelledOnRequestAbove) {
    }

    /** A scope of the tree and every branch forked below it, at any depth: none may run once it has ended. */
    record Below(String scope, ConcurrentLinkedQueue<Branch<?>> branches) {
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyHostileTreeEndsCleanly(long seed) throws Exception {
        SEEDS_RUN.incrementAndGet();
        Tree tree = new Tree(seed);
        Hostility hostility = new Hostility(seed, tree.prefix);
        HostileListener listener = arm(hostility);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread owner = Thread.ofVirtual().start(() -> {
            try {
                // the root always has a deadline, so branches that block until cancelled always end
                Random random = new Random(seed);
                runScope(tree, random, tree.prefix + "r", 0, Duration.ofMillis(20 + random.nextInt(60)), List.of(),
                        List.of());
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        if (!owner.join(Duration.ofSeconds(30))) {
            throw new AssertionError("seed " + seed + ": the root scope did not end; live tree:\n" + Diagnostics.dumpText());
        }
        String summary = "seed " + seed + " (hostile one in " + hostility.oneIn + ", " + hostility.thrown.size()
                + " thrown, " + listener.stuck.sum() + " stuck and " + listener.unclosed.sum() + " unclosed reports)";

        assertThat(tree.endedEarly).as("%s: scopes that ended while a branch below them ran", summary).isEmpty();
        Throwable root = outcome.get();
        if (root != null) { // the root's body only forks and joins: what join throws, or nothing
            assertThat(root).as("%s: the root's outcome", summary).isInstanceOf(SkeinException.class);
        }
        List<Throwable> reachable = graph(root);
        assertThat(hostility.among(reachable)).as("%s: hostile throwables in the root's outcome %s", summary,
                describe(root)).isEmpty();
        for (Node node : tree.nodes) {
            Branch<?> b = node.branch();
            assertThat(b.state().isDone()).as("%s: %s ended", summary, b.name()).isTrue();
            b.cancellation().map(Cancellation::cause).ifPresent(cause -> assertThat(hostility.among(graph(cause)))
                    .as("%s: hostile throwables in the cancellation of %s", summary, b.name()).isEmpty());
            if (b.state() != Branch.State.FAILED) {
                continue;
            }
            assertThat(hostility.among(graph(b.failureNow()))).as("%s: hostile throwables in the failure of %s: %s",
                    summary, b.name(), describe(b.failureNow())).isEmpty();
            boolean requestAbove = node.cancelledOnRequestAbove().stream().anyMatch(AtomicBoolean::get);
            if (!requestAbove) {
                assertThat(reachable.contains(b.failureNow())).as("%s: failure of %s (%s) reaches the root's outcome %s",
                        summary, b.name(), describe(b.failureNow()), describe(root)).isTrue();
            }
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> tree.threads.stream().noneMatch(Thread::isAlive));
        assertThat(liveScopeNames()).as("%s: scopes of the tree still live", summary)
                .noneMatch(name -> name.startsWith(tree.prefix));
        assertThat(hostility.started).as("%s: spans started and never ended", summary)
                .filteredOn(span -> !span.hasEnded()).extracting(ReadableSpan::getName).isEmpty();
        assertThat(hostility.undone).as("%s: carried contexts undone", summary).hasValue(hostility.installed.get());
        Set<Throwable> logged = Collections.newSetFromMap(new IdentityHashMap<>());
        List.copyOf(log.logged).forEach(t -> logged.addAll(graph(t))); // logged as they are, or as a cause
        assertThat(hostility.thrown.stream().filter(t -> !logged.contains(t)).map(HostileRandomTreeTest::line))
                .as("%s: hostile throwables that were not logged", summary).isEmpty();
    }

    @AfterAll
    static void everyCallbackWasHostileSomewhere() {
        if (SEEDS_RUN.get() >= 40) { // a run of a few seeds need not meet every callback
            assertThat(SITES).as("callbacks that never threw in %d trees: %s", SEEDS_RUN.get(), THROWN_AT)
                    .allMatch(THROWN_AT::containsKey);
        }
    }

    /**
     * What branches do, by weight: 0 quick, 1 slow, 2 fail, 3 block until cancelled, 4 poll, 5 throw an
     * Error, 6 swallow the interrupt and return, 7 cancel the scope, 8 leave a scope open, 9 swallow
     * interrupts until reported stuck, 10 nest a scope (the last {@link #NESTING}, left out at depth 3).
     */
    private static final int[] ACTIONS = {0, 0, 1, 1, 2, 3, 3, 4, 4, 5, 6, 7, 8, 8, 9, 9, 9, 10, 10, 10};
    private static final int NESTING = 3;

    private static Object runScope(Tree tree, Random random, String name, int depth, Duration timeout,
            List<AtomicBoolean> above, List<Below> enclosing) throws InterruptedException {
        boolean supervisor = random.nextInt(3) == 0;
        int cap = random.nextInt(5) == 0 ? 1 + random.nextInt(3) : 0;
        Duration own = timeout != null ? timeout : random.nextInt(4) == 0 ? Duration.ofMillis(5 + random.nextInt(40)) : null;
        Duration grace = random.nextInt(3) != 0 ? Duration.ofMillis(10 + random.nextInt(20)) : null; // stuck reports
        boolean tracing = random.nextInt(8) != 0;
        AtomicBoolean requested = new AtomicBoolean();
        List<AtomicBoolean> path = append(above, requested);
        Below below = new Below(name, new ConcurrentLinkedQueue<>());
        List<Below> scopes = append(enclosing, below);
        ScopeBody<Object> body = scope -> {
            int fanOut = 1 + random.nextInt(6);
            for (int i = 0; i < fanOut; i++) {
                Random branchRandom = new Random(random.nextLong());
                int action = ACTIONS[branchRandom.nextInt(ACTIONS.length - (depth < 3 ? 0 : NESTING))];
                if (action == 9 && grace == null) {
                    action = 3; // a branch that waits to be reported stuck needs a short grace, not 5 s
                }
                int act = action;
                String branchName = name + "/b" + i + "a" + action;
                Branch<Object> b = scope.fork(branchName, () -> {
                    tree.threads.add(Thread.currentThread());
                    return act(tree, branchRandom, act, depth, branchName, scope, requested, path, scopes);
                });
                tree.forked(b, path, scopes);
            }
            if (random.nextInt(12) == 0) {
                requested.set(true);
                scope.cancel();
            }
            scope.join();
            return null;
        };
        UnaryOperator<ScopeConfig> config = cfg -> {
            ScopeConfig c = cfg.withName(name);
            c = own != null ? c.withTimeout(own) : c;
            c = grace != null ? c.withCancellationGrace(grace) : c;
            c = tracing ? c : c.withoutTracing();
            return cap > 0 ? c.withMaxConcurrency(cap) : c;
        };
        OPENING.set(name);
        try {
            return supervisor ? Scope.runSupervisor(config, body) : Scope.run(config, body);
        } finally {
            OPENING.remove();
            for (Branch<?> b : below.branches()) {
                if (!b.state().isDone()) {
                    tree.endedEarly.add("scope " + name + " ended while " + b.name() + " was " + b.state());
                }
            }
        }
    }

    private static Object act(Tree tree, Random r, int action, int depth, String where, Scope scope,
            AtomicBoolean requested, List<AtomicBoolean> path, List<Below> scopes) throws Exception {
        switch (action) {
            case 7 -> {
                if (r.nextBoolean()) {
                    requested.set(true);
                    scope.cancel();
                }
                return "maybe cancelled my scope";
            }
            case 8 -> {
                return leak(tree, r, where, path, scopes);
            }
            case 10 -> {
                return runScope(tree, r, where + "/s", depth + 1, null, path, scopes);
            }
            default -> {
                return leaf(r, action, where);
            }
        }
    }

    /** What a branch does that involves no scope. */
    private static Object leaf(Random r, int action, String where) throws Exception {
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
                while (true) { // computes, polling; parks between polls, as virtual threads are not preempted
                    SkeinContext.current().throwIfCancelled();
                    LockSupport.parkNanos(100_000);
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
            default -> {
                int interrupts = 0;
                while (interrupts < 2) { // the first comes with the cancellation, the second with the stuck report
                    try {
                        Thread.sleep(Duration.ofMinutes(1));
                    } catch (InterruptedException swallowed) {
                        interrupts++;
                    }
                }
                return "stopped after it was reported stuck";
            }
        }
    }

    /**
     * Opens a scope, forks into it and returns (or fails) without closing it: Skein closes it, reports it to
     * the listener, and fails the branch, with the failures of the forgotten scope attached.
     */
    private static Object leak(Tree tree, Random r, String where, List<AtomicBoolean> path, List<Below> scopes) {
        String name = where + "/leak";
        Duration grace = Duration.ofMillis(10 + r.nextInt(20));
        UnaryOperator<ScopeConfig> config = cfg -> cfg.withName(name).withCancellationGrace(grace);
        Scope leaked;
        OPENING.set(name);
        try {
            leaked = r.nextBoolean() ? Scope.open(config) : Scope.openSupervisor(config);
        } finally {
            OPENING.remove();
        }
        List<AtomicBoolean> leakedPath = append(path, new AtomicBoolean()); // never cancelled on request
        int fanOut = 1 + r.nextInt(3);
        for (int i = 0; i < fanOut; i++) {
            Random branchRandom = new Random(r.nextLong());
            int action = new int[] {0, 2, 3, 4, 5, 9}[branchRandom.nextInt(6)];
            String branchName = name + "/b" + i + "a" + action;
            Branch<Object> b = leaked.fork(branchName, () -> {
                tree.threads.add(Thread.currentThread());
                return leaf(branchRandom, action, branchName);
            });
            tree.forked(b, leakedPath, scopes);
        }
        if (r.nextInt(4) == 0) {
            throw new Planned(where + ", after leaving a scope open");
        }
        return "left " + name + " open";
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static <T> List<T> append(List<T> list, T last) {
        List<T> more = new ArrayList<>(list);
        more.add(last);
        return List.copyOf(more);
    }

    /** {@return {@code t} and every throwable reachable from it through causes and suppressed ones, once each} */
    private static List<Throwable> graph(Throwable t) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> all = new ArrayList<>();
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        if (t != null) {
            todo.push(t);
        }
        while (!todo.isEmpty()) {
            Throwable next = todo.pop();
            if (!seen.add(next)) {
                continue;
            }
            all.add(next);
            List<Throwable> below = new ArrayList<>(List.of(next.getSuppressed()));
            if (next.getCause() != null) {
                below.add(next.getCause());
            }
            below.reversed().forEach(todo::push); // the cause first, then the suppressed ones, in order
        }
        return all;
    }

    /** {@return the names of every scope in the live tree, at any depth} */
    private static List<String> liveScopeNames() {
        List<String> names = new ArrayList<>();
        ArrayDeque<ScopeSnapshot> todo = new ArrayDeque<>(Diagnostics.snapshot());
        while (!todo.isEmpty()) {
            ScopeSnapshot scope = todo.pop();
            names.add(scope.name());
            scope.branches().forEach(b -> todo.addAll(b.scopes()));
        }
        return names;
    }

    /** {@return a line per throwable of {@code t}'s graph, its cause first; never throws, whatever they are} */
    private static String describe(Throwable t) {
        if (t == null) {
            return "(none)";
        }
        return graph(t).stream().map(HostileRandomTreeTest::line).collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    private static String line(Throwable t) {
        try {
            return String.valueOf(t);
        } catch (RuntimeException e) {
            return t.getClass().getName() + " (its toString() threw " + e.getClass().getName() + ")";
        }
    }
}
