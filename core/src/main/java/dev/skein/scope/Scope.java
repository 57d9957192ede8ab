package dev.skein.scope;

import dev.skein.BranchFailedException;
import dev.skein.CancelledException;
import dev.skein.DeadlineExceededException;
import dev.skein.context.SkeinContext;
import dev.skein.internal.ScopeCore;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/**
 * A scope runs branches, each on its own virtual thread, and never ends while one of them still runs.
 * {@snippet :
 * try (var scope = Scope.open(cfg -> cfg.withName("checkout").withTimeout(Duration.ofSeconds(2)))) {
 *     Branch<Stock> stock = scope.fork("stock", () -> inventory.reserve(order));
 *     Branch<Payment> payment = scope.fork("payment", () -> payments.authorise(order));
 *     scope.join();                       // throws if a branch failed or the deadline passed
 *     return new Receipt(stock.resultNow(), payment.resultNow());
 * }
 * }
 * or, with the scope as a capability that cannot be left open:
 * {@snippet :
 * Receipt receipt = Scope.run(scope -> {
 *     Branch<Stock> stock = scope.fork("stock", () -> inventory.reserve(order));
 *     Branch<Payment> payment = scope.fork("payment", () -> payments.authorise(order));
 *     scope.join();
 *     return new Receipt(stock.resultNow(), payment.resultNow());
 * });
 * }
 *
 * <h2>Variants</h2>
 * <ul>
 * <li>{@link #open()} <b>fails fast</b>: the first failing branch cancels its siblings; {@link #join()}
 * throws a {@link BranchFailedException} with that failure as cause and later ones suppressed.</li>
 * <li>{@link #openSupervisor()} <b>supervises</b>: a failing branch does not disturb its siblings;
 * {@code join()} waits for all of them and throws one {@code BranchFailedException} listing every
 * failure. (An {@link Error} cancels a supervisor too: see {@code docs/concepts.md}.)</li>
 * </ul>
 *
 * <h2>Life cycle</h2>
 * <pre>
 * state      | fork from owner | fork from a branch | join()          | close()
 * -----------+-----------------+--------------------+-----------------+---------------------------------
 * OPEN       | yes             | yes                | waits, -> JOINED| cancels, waits, -> CLOSED, throws
 * JOINING    | (owner waits)   | yes                | -               | -
 * JOINED     | IllegalState    | yes                | IllegalState    | -> CLOSED
 * CLOSED     | IllegalState    | IllegalState       | IllegalState    | no-op
 * </pre>
 * Cancellation (by {@link #cancel()}, a failure, the deadline, an enclosing scope, or an interrupt of the
 * owner in {@code join}) interrupts every running branch and cancels every scope nested in them, at any
 * depth; branches forked afterwards are born cancelled and never run.
 *
 * <h2>Outcome of {@code join()}</h2>
 * <ol>
 * <li>The owner was interrupted while waiting: {@link InterruptedException} (the branches were cancelled
 * and have ended).</li>
 * <li>The deadline (its own or an enclosing one) passed: {@link DeadlineExceededException}, naming the
 * branches that were running at that moment. Never silent.</li>
 * <li>An enclosing scope cancelled this one: {@link CancelledException} with the cause.</li>
 * <li>A branch failed: {@link BranchFailedException}.</li>
 * <li>Otherwise it returns, also after {@link #cancel()} by the owner.</li>
 * </ol>
 * Failures are attached (suppressed) to whichever exception is thrown, so none is lost.
 *
 * <h2>Context</h2>
 * Each branch sees {@link SkeinContext#current()}: the scope's deadline (the nearest of its own and every
 * enclosing one), its cancellation, and its values. A scope opened inside a branch nests under it.
 *
 * @implSpec Forking is allowed from the owner (the thread that opened the scope) and from the scope's own
 * branches; anything else throws {@link WrongThreadException}. {@code join} and {@code close} are for the
 * owner only. Memory consistency: actions of a branch happen-before {@code join()} returns, and before a
 * terminal state is read from its {@link Branch} handle.
 */
public final class Scope implements AutoCloseable {

    /** The "branch name" under which the body's own exception is reported. */
    private static final String BODY = "(scope body)";

    private final ScopeCore core;

    private Scope(ScopeConfig config, boolean supervisor) {
        this.core = ScopeCore.open(config, supervisor, this);
    }

    /** {@return a new fail-fast scope owned by the calling thread} */
    public static Scope open() {
        return new Scope(ScopeConfig.DEFAULTS, false);
    }

    /** {@return a new fail-fast scope, configured by {@code configure} from the defaults} */
    public static Scope open(UnaryOperator<ScopeConfig> configure) {
        return new Scope(configured(configure), false);
    }

    /** {@return a new supervisor scope owned by the calling thread} */
    public static Scope openSupervisor() {
        return new Scope(ScopeConfig.DEFAULTS, true);
    }

    /** {@return a new supervisor scope, configured by {@code configure} from the defaults} */
    public static Scope openSupervisor(UnaryOperator<ScopeConfig> configure) {
        return new Scope(configured(configure), true);
    }

    private static ScopeConfig configured(UnaryOperator<ScopeConfig> configure) {
        Objects.requireNonNull(configure, "configure");
        return Objects.requireNonNull(configure.apply(ScopeConfig.DEFAULTS),
                "the scope's configure function returned null: return the configuration it was given, e.g. cfg -> cfg.withName(..)");
    }

    /**
     * Runs {@code body} in a new fail-fast scope, joins it (also when the body did not), closes it, and
     * returns the body's result. If the body throws, the branches are cancelled, and once they have ended
     * the body's exception is thrown as it is (a checked one wrapped in a {@link BranchFailedException}
     * named after the scope). When branches had failed too and the body never joined them, their failures
     * are not dropped, and the body's exception is not touched: a {@code BranchFailedException} is thrown
     * instead, whose cause is the body's exception and which lists the branches' failures (an
     * {@link InterruptedException} stays one: a new one, caused by the body's; an {@link Error} is thrown
     * as it is and the branches' failures are logged).
     */
    public static <T> T run(ScopeBody<T> body) throws InterruptedException {
        Objects.requireNonNull(body, "body");
        return open().runBody(body);
    }

    /** Like {@link #run(ScopeBody)}, with a configured scope. */
    public static <T> T run(UnaryOperator<ScopeConfig> configure, ScopeBody<T> body) throws InterruptedException {
        Objects.requireNonNull(body, "body");
        return open(configure).runBody(body);
    }

    /** Like {@link #run(ScopeBody)}, with a supervisor scope. */
    public static <T> T runSupervisor(ScopeBody<T> body) throws InterruptedException {
        Objects.requireNonNull(body, "body");
        return openSupervisor().runBody(body);
    }

    /** Like {@link #run(ScopeBody)}, with a configured supervisor scope. */
    public static <T> T runSupervisor(UnaryOperator<ScopeConfig> configure, ScopeBody<T> body)
            throws InterruptedException {
        Objects.requireNonNull(body, "body");
        return openSupervisor(configure).runBody(body);
    }

    private <T> T runBody(ScopeBody<T> body) throws InterruptedException {
        T result;
        try {
            result = body.run(this);
            if (!core.isJoined()) {
                core.join();
            }
        } catch (Throwable failed) {
            List<BranchFailedException.Failure> lost = new ArrayList<>(core.closeAfterBodyFailed());
            lost.removeIf(f -> f.exception() == failed); // the body may have rethrown a branch's own failure
            throw rethrow(failed, lost);
        } finally {
            Reference.reachabilityFence(this); // collected while open, the handle would be reported as leaked
        }
        try {
            core.close();
        } finally {
            Reference.reachabilityFence(this);
        }
        return result;
    }

    private static String branchName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("branch name must not be blank: name it for what it does, "
                    + "or use fork(body) for a branch named branch-N");
        }
        return name;
    }

    /** What the body threw, never modified; beside the failures of branches nobody joined, if any. */
    private RuntimeException rethrow(Throwable t, List<BranchFailedException.Failure> lost) throws InterruptedException {
        if (!lost.isEmpty()) {
            switch (t) {
                case Error e -> {
                    core.logLost(lost);
                    throw e;
                }
                case InterruptedException e -> {
                    InterruptedException again = new InterruptedException("interrupted in the body of scope '"
                            + core.name() + "'; branches it did not join had failed (suppressed)");
                    again.initCause(e);
                    lost.forEach(f -> again.addSuppressed(f.exception()));
                    throw again;
                }
                default -> {
                    List<BranchFailedException.Failure> all = new ArrayList<>(lost.size() + 1);
                    all.add(new BranchFailedException.Failure(BODY, t));
                    all.addAll(lost);
                    throw new BranchFailedException(core.name(), all);
                }
            }
        }
        switch (t) {
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            case InterruptedException e -> throw e;
            default -> throw new BranchFailedException(core.name(), List.of(new BranchFailedException.Failure(BODY, t)));
        }
    }

    /**
     * Forks a named branch that computes a value. {@return its handle}
     *
     * @throws IllegalStateException if the scope was joined or closed
     * @throws WrongThreadException if called from a thread that is neither the owner nor a branch of this
     *     scope
     */
    public <T> Branch<T> fork(String name, Callable<? extends T> body) {
        return core.fork(branchName(name), Objects.requireNonNull(body, "body"), true);
    }

    /** Forks a branch named {@code branch-N} that computes a value. {@return its handle} */
    public <T> Branch<T> fork(Callable<? extends T> body) {
        return core.fork(null, Objects.requireNonNull(body, "body"), true);
    }

    /** Forks a named branch that returns nothing. {@return its handle} */
    public Branch<Void> fork(String name, CheckedRunnable body) {
        return core.fork(branchName(name), Objects.requireNonNull(body, "body"), true);
    }

    /** Forks a branch named {@code branch-N} that returns nothing. {@return its handle} */
    public Branch<Void> fork(CheckedRunnable body) {
        return core.fork(null, Objects.requireNonNull(body, "body"), true);
    }

    /**
     * Runs a named branch on the calling thread, now, instead of on a virtual thread of its own. {@return its
     * handle, once it has ended} For a scope around one piece of work that should stay on its thread, such as a
     * request on the thread that serves it:
     * {@snippet :
     * Receipt receipt = Scope.run(cfg -> cfg.withTimeout(Duration.ofSeconds(2)), scope -> {
     *     Branch<Stock> stock = scope.fork("stock", () -> inventory.reserve(order));
     *     Branch<Payment> payment = scope.runHere("payment", () -> payments.authorise(order)); // this thread
     *     scope.join();
     *     return new Receipt(stock.resultNow(), payment.resultNow());
     * });
     * }
     * It is a branch as a forked one is: it sees the scope's context, has its span, and the scopes it opens
     * nest under it; its failure is the scope's, and the scope's cancellation (its deadline, a failure, an
     * enclosing scope) interrupts the calling thread while the body runs. Two differences: the thread's own
     * context (MDC, what {@code ContextCarrier}s carry) is simply the caller's; and once the branch has ended,
     * no interrupt of it comes any more, and the one its cancellation delivered is cleared, so that the thread
     * goes on uninterrupted (when an enclosing scope's cancellation reached it, the thread is left interrupted
     * instead: that cancellation is the enclosing branch's too). A body that ignores its interrupt is not reported as stuck: the thread that would report it
     * is the one running it. Inside the branch, {@code join}, {@code close} and {@code runHere} of this scope
     * throw {@link IllegalStateException}: the scope would wait for the branch that waits.
     *
     * @throws IllegalStateException if the scope was joined or closed, or if called from inside such a branch
     * @throws WrongThreadException if not called by the owner
     */
    public <T> Branch<T> runHere(String name, Callable<? extends T> body) {
        return core.runHere(branchName(name), Objects.requireNonNull(body, "body"));
    }

    /**
     * Forks a branch only if the scope's {@linkplain ScopeConfig#withMaxConcurrency concurrency cap}
     * allows one more now. {@return its handle, or empty if the cap is reached}
     */
    public <T> Optional<Branch<T>> tryFork(String name, Callable<? extends T> body) {
        return Optional.ofNullable(core.fork(branchName(name), Objects.requireNonNull(body, "body"), false));
    }

    /**
     * Waits until every branch has ended, then reports the outcome (see the class documentation).
     *
     * @throws InterruptedException if the owner was interrupted while waiting; the branches were cancelled
     *     and have ended
     * @throws DeadlineExceededException if the deadline passed
     * @throws CancelledException if an enclosing scope cancelled this one
     * @throws BranchFailedException if a branch failed
     * @throws IllegalStateException if already joined or closed
     * @throws WrongThreadException if not called by the owner
     */
    public void join() throws InterruptedException {
        try {
            core.join();
        } finally {
            Reference.reachabilityFence(this); // see LiveScopes: a collected handle means a leaked scope
        }
    }

    /**
     * Cancels the scope: every running branch is interrupted and every nested scope cancelled. Returns at
     * once; {@link #join()} waits for the branches to end. Any thread may cancel. Idempotent.
     */
    public void cancel() {
        core.cancel();
    }

    /** {@return the scope's context: its deadline, cancellation and values} */
    public SkeinContext context() {
        return core;
    }

    /**
     * Closes the scope. After a {@code join()} it only releases it. Without one, it cancels what still
     * runs, waits for it to end, and throws an {@link IllegalStateException} for the missing join that
     * carries, suppressed, any failure of a branch. Never returns while a branch runs.
     */
    @Override
    public void close() {
        try {
            core.close();
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public String toString() {
        return core.toString();
    }
}
