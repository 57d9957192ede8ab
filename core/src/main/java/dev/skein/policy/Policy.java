package dev.skein.policy;

import dev.skein.PolicyDefinitionException;
import dev.skein.context.Cancellation;
import dev.skein.context.CancellationReason;
import dev.skein.context.SkeinContext;
import dev.skein.internal.Telemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * Rate limiting, circuit breaking, retry, timeout and bulkhead for a call, from SmallRye Fault Tolerance:
 * a policy is one SmallRye {@link Guard}, whose state (the breaker, the limiter, the bulkhead) every call
 * through the policy shares. Use it on a branch or a graph task:
 * {@snippet :
 * Policy payment = Policies.define("payment", p -> p
 *         .withCircuitBreaker(cb -> cb.withRequestVolumeThreshold(10))
 *         .withRateLimit(rl -> rl.withLimit(50).waitingForPermit()));
 *
 * scope.fork("charge", payment.wrap(() -> gateway.charge(order)));                    // a branch
 * graph.task(CHARGE, List.of(ORDER), in -> gateway.charge(in.get(ORDER)),
 *            task -> task.withPolicy("payment"));                                       // a task
 * }
 *
 * <h2>Order and rejections</h2>
 * SmallRye's fixed order, from the outside in: retry, circuit breaker, rate limit, timeout, bulkhead.
 * Rejections keep SmallRye's and MicroProfile's types: {@code CircuitBreakerOpenException},
 * {@link RateLimitException} (with {@code getRetryAfterMillis()}), {@code BulkheadException},
 * {@code TimeoutException} (all in {@code org.eclipse.microprofile.faulttolerance.exceptions} but the
 * rate limit's, in {@code io.smallrye.faulttolerance.api}).
 *
 * <h2>Skein's context wins</h2>
 * <ul>
 * <li>A cancelled or interrupted call is never retried, and a retry does not start when the context's
 * deadline is nearer than its delay: the last failure is thrown instead.</li>
 * <li>Cancellation interrupts the call wherever it is (in the body, a retry delay, waiting for a permit);
 * SmallRye gives the bulkhead permit back when the call ends. (A rate limit only counts calls: a
 * cancelled call has used its permit.)</li>
 * <li>The breaker counts what a call throws as a failure, except a call cut short because its context was
 * cancelled for a reason other than its deadline (a sibling failed, {@code cancel()}, the scope closed, its
 * owner was interrupted): while the breaker is closed, that call counts as a success (SmallRye has no
 * "ignore"); a half-open breaker's trial counts as a failure even then. A deadline cut always counts. This
 * needs the breaker's state, so a named policy's breaker ({@link Policies#define}); an unnamed policy's
 * counts every exception, a cancellation too.</li>
 * <li>With {@link PolicyConfig.RateLimit#waitingForPermit()}, a call over the limit waits the time
 * SmallRye's rejection says a permit needs, while the deadline allows, then tries again. The rate limit
 * then sits outside the others (a guard of its own), so waiting never counts as a breaker failure and
 * never restarts the retries.</li>
 * <li>A shared rate limit ({@link PolicyConfig.RateLimit#shared}) is counted in a {@link RateLimitStore} by
 * every instance, outside the others as a limit that waits for permits; while the store cannot be reached it
 * admits or rejects calls as its {@link FailDirection} says, and {@link #sharedLimit()} tells.</li>
 * </ul>
 * A timeout or deadline of the scope always cuts the call too: whichever is nearer wins.
 *
 * @implSpec Thread-safe; calls from any number of threads share one state.
 */
public final class Policy {

    private static final String UNNAMED = "(unnamed)";
    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("skein.attempt");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("skein.outcome");
    private static final AttributeKey<String> REJECTED_BY = AttributeKey.stringKey("skein.rejected_by");
    private static final AttributeKey<String> REJECTION = AttributeKey.stringKey("skein.rejection");
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Retries so far in the current call, for policies whose retry delay grows. */
    private static final ScopedValue<int[]> RETRIES_SO_FAR = ScopedValue.newInstance();
    /** How many failures of earlier attempts a rejected retry keeps as suppressed exceptions. */
    static final int EARLIER_FAILURES_KEPT = 8;

    private final String name;
    private final PolicyConfig config;
    /** Unique; SmallRye starts its rejection messages with it, which tells them from the body's own. */
    private final String description;
    private final Guard guard;
    /** With waiting for permits: the rate limit alone, outside {@link #guard}; otherwise null. */
    private final Guard permits;
    /** A shared rate limit, outside {@link #guard} (which then has none); otherwise null. */
    private final PolicyConfig.SharedLimit shared;
    private final LongAdder unreachableCalls = new LongAdder();
    private volatile boolean storeReachable = true;
    private volatile String lastStoreFailure;
    private final boolean growingRetryDelay;
    /**
     * Named policies only: SmallRye's maintenance keeps every named breaker for good, and a name costs every
     * call (SmallRye registers a state-change handler per call: 30 to 70 ns and 216 bytes on 6.10.1).
     */
    private final String breakerName;
    private final LongAdder retries = new LongAdder();
    private final LongAdder breakerRejections = new LongAdder();
    private final LongAdder rateLimitRejections = new LongAdder();
    private final LongAdder bulkheadRejections = new LongAdder();
    private final LongAdder timeouts = new LongAdder();

    private Policy(String name, PolicyConfig config, boolean named) {
        DaemonTimer.ensureStarted();
        this.name = name;
        this.config = config;
        long n = SEQUENCE.incrementAndGet();
        this.description = "skein policy '" + name + "' #" + n;
        this.growingRetryDelay = config.retry().map(r -> r.backoffFactor() > 1).orElse(false);
        this.breakerName = named && config.circuitBreaker().isPresent() ? "skein:" + name + "#" + n : null;
        this.shared = config.rateLimit().flatMap(PolicyConfig.RateLimit::shared).orElse(null);
        boolean waitForPermit = config.rateLimit().map(PolicyConfig.RateLimit::waitForPermit).orElse(false);
        this.guard = buildGuard(!waitForPermit && shared == null);
        this.permits = waitForPermit && shared == null ? rateLimit(Guard.create().withDescription(description)).build() : null;
        if (breakerName != null) {
            // through SmallRye's maintenance rather than a hook on the guard: hooks cost every call ~100 ns
            CircuitBreakerMaintenance.get().onStateChange(breakerName, state -> Listeners.breakerStateChange(this, state));
        }
    }

    /**
     * {@return an unnamed policy, configured from nothing by {@code configure}} Its state is its own: use
     * {@link Policies#define} for a policy shared by name (and whose breaker's state can be read). Build it
     * once, not per call. Its breaker counts every exception as a failure, a cancellation too (see the class's
     * "Skein's context wins").
     * @throws PolicyDefinitionException listing every invalid parameter
     */
    public static Policy of(UnaryOperator<PolicyConfig> configure) {
        return build(UNNAMED, Objects.requireNonNull(configure.apply(PolicyConfig.NONE), "configure returned null"),
                new ArrayList<>(), false);
    }

    static Policy build(String name, PolicyConfig config, List<String> problems, boolean named) {
        Validation.check(config, problems);
        if (!named && config.rateLimit().flatMap(PolicyConfig.RateLimit::shared).isPresent()) {
            problems.add("rateLimit.shared needs a named policy, defined with Policies.define: the name is the "
                    + "limit's key in its store, which every instance shares");
        }
        if (!problems.isEmpty()) {
            throw new PolicyDefinitionException(name, problems);
        }
        return new Policy(name, config, named);
    }

    private Guard buildGuard(boolean withRateLimit) {
        PolicyConfig c = config;
        if (c.retry().isEmpty() && c.circuitBreaker().isEmpty() && c.timeout().isEmpty() && c.bulkhead().isEmpty()
                && (c.rateLimit().isEmpty() || !withRateLimit)) {
            return null;
        }
        Guard.Builder b = Guard.create().withDescription(description);
        c.retry().ifPresent(r -> {
            Guard.Builder.RetryBuilder retry = b.withRetry()
                    .maxRetries(r.maxRetries())
                    .delay(r.delay().toMillis(), ChronoUnit.MILLIS)
                    .jitter(r.jitter().toMillis(), ChronoUnit.MILLIS)
                    .maxDuration(1, ChronoUnit.DAYS) // bounded by the context's deadline instead
                    .whenException(failure -> shouldRetry(r, failure))
                    .beforeRetry(() -> {
                        retries.increment();
                        Listeners.retry(this);
                    });
            if (r.backoffFactor() > 1) {
                retry.withExponentialBackoff().factor(r.backoffFactor())
                        .maxDelay(r.maxDelay().toMillis(), ChronoUnit.MILLIS).done();
            }
            retry.done();
        });
        c.circuitBreaker().ifPresent(cb -> {
            Guard.Builder.CircuitBreakerBuilder breaker = b.withCircuitBreaker()
                    .requestVolumeThreshold(cb.requestVolumeThreshold())
                    .failureRatio(cb.failureRatio())
                    .delay(cb.delay().toMillis(), ChronoUnit.MILLIS)
                    .successThreshold(cb.successThreshold());
            // An unnamed breaker's state cannot be read (SmallRye reads states by name, and a name costs every
            // call), so it keeps SmallRye's default: every exception is a failure, a cancellation too.
            if (breakerName != null) {
                breaker.name(breakerName).when(this::countsAsBreakerFailure); // asked only when a call throws
            }
            breaker.done();
        });
        if (withRateLimit) {
            rateLimit(b);
        }
        c.timeout().ifPresent(t -> b.withTimeout().duration(t.toMillis(), ChronoUnit.MILLIS).done());
        c.bulkhead().ifPresent(limit -> b.withBulkhead().limit(limit).done());
        return b.build();
    }

    private Guard.Builder rateLimit(Guard.Builder b) {
        config.rateLimit().ifPresent(l -> {
            Guard.Builder.RateLimitBuilder limit = b.withRateLimit()
                    .limit(l.limit())
                    .window(l.window().toMillis(), ChronoUnit.MILLIS)
                    .type(l.type());
            if (!l.minSpacing().isZero()) { // a spacing check costs every call, even at zero
                limit.minSpacing(l.minSpacing().toMillis(), ChronoUnit.MILLIS);
            }
            limit.done();
        });
        return b;
    }

    /**
     * Skein's rules on top of retryOn/abortOn (which, as in SmallRye, also match causes): no retry once
     * cancelled or interrupted, and none whose delay the context's deadline cannot cover.
     */
    private boolean shouldRetry(PolicyConfig.Retry retry, Throwable failure) {
        if (matches(retry.abortOn(), failure) || !matches(retry.retryOn(), failure) || isCancellation(failure)) {
            return false;
        }
        Optional<Duration> left = SkeinContext.current().remaining();
        if (left.isEmpty()) {
            return true;
        }
        Duration next = retry.delay();
        if (growingRetryDelay && RETRIES_SO_FAR.isBound()) {
            int[] done = RETRIES_SO_FAR.get();
            for (int i = 0; i < done[0] && next.compareTo(retry.maxDelay()) < 0; i++) {
                next = next.multipliedBy(retry.backoffFactor());
            }
            next = next.compareTo(retry.maxDelay()) > 0 ? retry.maxDelay() : next;
            done[0]++;
        }
        Duration shortest = next.minus(retry.jitter());
        return left.get().compareTo(shortest.isNegative() ? Duration.ZERO : shortest) > 0;
    }

    private static boolean matches(List<Class<? extends Throwable>> types, Throwable failure) {
        int depth = 0;
        try {
            for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
                for (Class<? extends Throwable> type : types) {
                    if (type.isInstance(t)) {
                        return true;
                    }
                }
            }
        } catch (Throwable hostile) { // a getCause() that throws: the causes it hides cannot match
            return false;
        }
        return false;
    }

    /**
     * Whether the breaker counts {@code failure} as a failure. SmallRye has no "ignore": what is not a failure
     * counts as a success. So a call cut short because the caller's context was cancelled for a reason other
     * than its deadline (a sibling failed, someone asked, the scope closed, its owner was interrupted: nothing
     * to do with the service) counts as a success, but only while the breaker is closed, where it cannot open
     * it; a half-open breaker's cancelled trial counts as a failure, so that it never closes a breaker on a
     * service that may hang. A deadline cut is how a hanging service shows: it always counts.
     * <p>Named policies only: the breaker's state is read by name. SmallRye asks on the calling thread (a
     * synchronous guard completes every stage before the breaker looks at the outcome, a SmallRye timeout
     * included), so {@link SkeinContext#current()} is the caller's.
     */
    private boolean countsAsBreakerFailure(Throwable failure) {
        SkeinContext context = SkeinContext.current();
        if (!context.isCancelled()) {
            return true;
        }
        Optional<Cancellation> why = context.cancellation();
        return why.isEmpty() || why.get().reason() == CancellationReason.DEADLINE_EXCEEDED
                || CircuitBreakerMaintenance.get().currentState(breakerName) != CircuitBreakerState.CLOSED;
    }

    /** Our own cancellation: an interrupt, or a cancelled context (not a deadline of a scope inside the body). */
    private static boolean isCancellation(Throwable failure) {
        return failure instanceof InterruptedException || SkeinContext.current().isCancelled();
    }

    /** {@return the policy's name, if it is a named one} */
    public Optional<String> name() {
        return name.equals(UNNAMED) ? Optional.empty() : Optional.of(name);
    }

    /** {@return the policy's configuration, overrides applied} */
    public PolicyConfig config() {
        return config;
    }

    /**
     * {@return the breaker's state (named policies only: SmallRye tracks named breakers) and counts of what
     * the policy did}
     */
    public PolicyState state() {
        Optional<CircuitBreakerState> breaker = breakerName == null ? Optional.empty()
                : Optional.of(CircuitBreakerMaintenance.get().currentState(breakerName));
        return new PolicyState(name, breaker, retries.sum(), breakerRejections.sum(),
                rateLimitRejections.sum(), bulkheadRejections.sum(), timeouts.sum());
    }

    /**
     * Closes the policy's circuit breaker and forgets the calls it counted, as SmallRye's
     * {@link CircuitBreakerMaintenance#reset} does (for an operator who knows the service is back).
     * {@return whether it had a breaker to reset} SmallRye resets breakers by name: an unnamed policy's
     * breaker cannot be reset, and this returns {@code false} for it as for a policy without one.
     */
    public boolean resetBreaker() {
        if (breakerName == null) {
            return false;
        }
        CircuitBreakerMaintenance.get().reset(breakerName);
        return true;
    }

    /**
     * Calls {@code body} on the calling thread, through the policy. {@return what it returned}
     * @throws Exception what the last attempt threw (as it threw it), or the rejection that prevented it; the
     *         policy's own rejection of a retry (the breaker opened by the attempts before it, say) carries what the
     *         attempts threw (the first 8) as its {@linkplain Throwable#getSuppressed() suppressed} exceptions, so
     *         that it still tells that an attempt was sent (one that returned, too late for the policy's timeout,
     *         threw nothing and leaves no trace)
     */
    public <T> T call(Callable<? extends T> body) throws Exception {
        Objects.requireNonNull(body, "body");
        if (shared != null) {
            awaitSharedPermit();
        } else if (permits != null) {
            awaitPermit();
        }
        if (guard == null) {
            return body.call();
        }
        if (config.retry().isEmpty()) {
            return callOnce(body);
        }
        Tracer tracer = Telemetry.tracerHere();
        Attempts<T> attempts = new Attempts<>(tracer == null ? body : traced(tracer, body));
        try {
            return callOnce(attempts);
        } catch (Throwable last) {
            if (last instanceof Exception rejection && isOwn(rejection)) { // made for this call: the body's stay as thrown
                attempts.keepIn(rejection);
            }
            throw last;
        }
    }

    /** Calls {@code body} through the guard (whose retry, if any, calls it again): counts what it rejected. */
    private <T> T callOnce(Callable<? extends T> attempts) throws Exception {
        try {
            if (growingRetryDelay) {
                return ScopedValue.where(RETRIES_SO_FAR, new int[1]).call(() -> callGuard(attempts));
            }
            return callGuard(attempts);
        } catch (CircuitBreakerOpenException rejected) {
            count(rejected, breakerRejections, PolicyListener.Rejection.CIRCUIT_BREAKER_OPEN);
            throw rejected;
        } catch (RateLimitException rejected) {
            count(rejected, rateLimitRejections, PolicyListener.Rejection.RATE_LIMITED);
            throw rejected;
        } catch (BulkheadException rejected) {
            count(rejected, bulkheadRejections, PolicyListener.Rejection.BULKHEAD_FULL);
            throw rejected;
        } catch (TimeoutException timedOut) {
            if (isOwn(timedOut)) {
                timeouts.increment();
                Listeners.timeout(this);
            }
            throw timedOut;
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T callGuard(Callable<? extends T> body) throws Exception {
        return (T) guard.call((Callable<Object>) body, Object.class);
    }

    /** Counts a rejection by this policy; one the body threw (from a client of its own) is not ours. */
    private void count(Exception rejection, LongAdder counter, PolicyListener.Rejection kind) {
        if (isOwn(rejection)) {
            counter.increment();
            Span.current().setAttribute(REJECTED_BY, name).setAttribute(REJECTION, kind.name().toLowerCase(Locale.ROOT));
            Listeners.rejection(this, kind);
        }
    }

    /**
     * A retrying call's attempts, each through {@code body}, remembering their failures, so that the policy's
     * rejection of a retry keeps them: SmallRye's retry throws the last failure only. The first
     * {@link #EARLIER_FAILURES_KEPT} are kept (a call may be retried 50 times), each once. One object per call;
     * the array only once an attempt fails.
     */
    private static final class Attempts<T> implements Callable<T> {
        private final Callable<? extends T> body;
        private Throwable[] failures;
        private int failed;
        /** What the last attempt threw, if it threw: a rejection the body threw is not the policy's to change. */
        private Throwable lastThrown;

        Attempts(Callable<? extends T> body) {
            this.body = body;
        }

        @Override
        public T call() throws Exception {
            try {
                return body.call();
            } catch (Throwable failure) {
                lastThrown = failure;
                remember(failure);
                throw failure;
            }
        }

        private void remember(Throwable failure) {
            if (failures == null) {
                failures = new Throwable[EARLIER_FAILURES_KEPT];
            }
            if (failed == EARLIER_FAILURES_KEPT) {
                return;
            }
            for (int i = 0; i < failed; i++) {
                if (failures[i] == failure) {
                    return;
                }
            }
            failures[failed++] = failure;
        }

        /**
         * Adds the attempts' failures to {@code rejection}, the policy's own, unless the last attempt threw it (a
         * call of the same policy inside the body, or a cached instance): that one is the body's, left as it is.
         */
        void keepIn(Exception rejection) {
            if (rejection == lastThrown) {
                return;
            }
            for (int i = 0; i < failed; i++) {
                rejection.addSuppressed(failures[i]);
            }
        }
    }

    /** Each attempt of a retrying call as a span, {@code "<policy> attempt"} ({@code "attempt"}), numbered from 1. */
    private <T> Callable<T> traced(Tracer tracer, Callable<? extends T> body) {
        int[] attempt = {0};
        String spanName = Telemetry.spanName(name.equals(UNNAMED) ? "attempt" : name + " attempt");
        return () -> {
            Span span = tracer.spanBuilder(spanName).setAttribute(ATTEMPT, (long) ++attempt[0]).startSpan();
            try (var current = span.makeCurrent()) {
                return body.call();
            } catch (Throwable t) {
                if (isCancellation(t)) { // cancellation is not an error
                    span.setAttribute(OUTCOME, "cancelled");
                } else {
                    span.setStatus(StatusCode.ERROR, t.getClass().getName());
                    span.recordException(t);
                }
                throw t;
            } finally {
                span.end();
            }
        };
    }

    private boolean isOwn(Exception e) {
        try {
            String message = e.getMessage();
            // "#4" is not "#41": what follows the description is never a digit (SmallRye's " ...", Skein's ": ...")
            return message != null && message.startsWith(description) && (message.length() == description.length()
                    || !Character.isDigit(message.charAt(description.length())));
        } catch (Throwable hostile) { // SmallRye's rejections have plain messages: one whose getMessage() throws is not ours
            return false;
        }
    }

    /**
     * Like {@link #call(Callable)}, giving {@code fallback}'s value when the call fails (not when it is
     * cancelled or interrupted). {@return what the call or the fallback returned}
     */
    public <T> T call(Callable<? extends T> body, Fallback<? extends T> fallback) throws Exception {
        Objects.requireNonNull(fallback, "fallback");
        try {
            return call(body);
        } catch (Exception failure) {
            if (isCancellation(failure)) {
                throw failure;
            }
            return fallback.recover(failure);
        }
    }

    /** {@return {@code body} wrapped to run through this policy: for {@code scope.fork(name, policy.wrap(...))}} */
    public <T> Callable<T> wrap(Callable<? extends T> body) {
        Objects.requireNonNull(body, "body");
        return () -> call(body);
    }

    /**
     * Takes a rate-limit permit, waiting the time SmallRye says one needs, as long as the context's
     * deadline allows; rejects at once when the deadline comes first.
     */
    private void awaitPermit() throws Exception {
        while (true) {
            try {
                permits.call(() -> null, Object.class);
                return;
            } catch (RateLimitException rejected) {
                waitOrReject(Math.max(1, rejected.getRetryAfterMillis()), true, rejected);
            }
        }
    }

    /**
     * Waits {@code wait} ms for a permit, if the limit waits for permits and the context's deadline allows it;
     * otherwise counts {@code rejected} and throws it. Cancellation interrupts the wait.
     */
    private void waitOrReject(long wait, boolean mayWait, RateLimitException rejected) throws InterruptedException {
        SkeinContext context = SkeinContext.current();
        Optional<Duration> left = context.remaining();
        if (!mayWait || context.isCancelled() || (left.isPresent() && left.get().toMillis() < wait)) {
            count(rejected, rateLimitRejections, PolicyListener.Rejection.RATE_LIMITED);
            throw rejected;
        }
        Listeners.waitForPermit(this, wait);
        Thread.sleep(wait);
    }

    /**
     * {@return what the shared rate limit has seen of its store, if the policy has one} For health checks:
     * {@code reachable} is false while the store fails the policy's calls.
     */
    public Optional<SharedLimitState> sharedLimit() {
        return shared == null ? Optional.empty() : Optional.of(new SharedLimitState(shared.whenUnreachable(),
                storeReachable, unreachableCalls.sum(), Optional.ofNullable(lastStoreFailure)));
    }

    /**
     * Takes a permit of the shared rate limit, waiting as {@link #awaitPermit()} does when the limit waits for
     * permits; while the store cannot be reached, admits or rejects the call as its direction says.
     */
    private void awaitSharedPermit() throws Exception {
        PolicyConfig.RateLimit limit = config.rateLimit().orElseThrow();
        while (true) {
            long wait;
            try {
                wait = shared.store().tryAcquire(name, limit);
                storeReachable = true;
            } catch (Exception failure) {
                if (isCancellation(failure) || Thread.currentThread().isInterrupted()) {
                    throw failure; // cut short by us, not the store's fault
                }
                if (storeUnreachable(failure) == FailDirection.OPEN) {
                    return;
                }
                RateLimitException rejected = new RateLimitException(0, description + ": the shared rate limit's store "
                        + "cannot be reached, so the call is rejected (it fails closed): " + describe(failure), failure);
                count(rejected, rateLimitRejections, PolicyListener.Rejection.RATE_LIMITED);
                throw rejected;
            }
            if (wait <= 0) {
                return;
            }
            waitOrReject(wait, limit.waitForPermit(), new RateLimitException(wait, description + ": shared rate limit of "
                    + limit.limit() + " per " + limit.window() + " reached; a permit may be free in " + wait + " ms"));
        }
    }

    private FailDirection storeUnreachable(Exception failure) {
        storeReachable = false;
        lastStoreFailure = describe(failure);
        unreachableCalls.increment();
        Listeners.storeUnreachable(this, shared.whenUnreachable(), failure);
        return shared.whenUnreachable();
    }

    private static String describe(Throwable failure) {
        try {
            return failure.getClass().getName() + ": " + failure.getMessage();
        } catch (Throwable hostile) { // a store's exception whose getMessage() throws
            return failure.getClass().getName();
        }
    }

    @Override
    public String toString() {
        return "policy '" + name + "' " + config;
    }
}
