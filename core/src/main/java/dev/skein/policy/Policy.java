package dev.skein.policy;

import dev.skein.CancelledException;
import dev.skein.PolicyDefinitionException;
import dev.skein.context.SkeinContext;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.faulttolerance.api.RateLimitException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import java.util.function.UnaryOperator;

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
 * SmallRye releases bulkhead and rate-limit permits when the call ends.</li>
 * <li>A cancellation is not a failure of the service: the breaker does not count it.</li>
 * <li>With {@link PolicyConfig.RateLimit#waitingForPermit()}, a call over the limit waits the time
 * SmallRye's rejection says a permit needs, while the deadline allows, then tries again.</li>
 * </ul>
 * A timeout or deadline of the scope always cuts the call too: whichever is nearer wins.
 *
 * @implSpec Thread-safe; calls from any number of threads share one state.
 */
public final class Policy {

    private static final String UNNAMED = "(unnamed)";
    private static final AtomicLong BREAKERS = new AtomicLong();

    private final String name;
    private final PolicyConfig config;
    private final Guard guard;
    private final boolean waitForPermit;
    private final Duration shortestRetryDelay;
    /** Unique per policy: SmallRye's maintenance knows breakers by name, and names may be defined again. */
    private final String breakerName;
    private final LongAdder retries = new LongAdder();
    private final LongAdder breakerRejections = new LongAdder();
    private final LongAdder rateLimitRejections = new LongAdder();
    private final LongAdder bulkheadRejections = new LongAdder();
    private final LongAdder timeouts = new LongAdder();

    private Policy(String name, PolicyConfig config) {
        DaemonTimer.ensureStarted();
        this.name = name;
        this.config = config;
        this.waitForPermit = config.rateLimit().map(PolicyConfig.RateLimit::waitForPermit).orElse(false);
        this.shortestRetryDelay = config.retry()
                .map(r -> r.delay().minus(r.jitter()).isNegative() ? Duration.ZERO : r.delay().minus(r.jitter()))
                .orElse(Duration.ZERO);
        this.breakerName = config.circuitBreaker().isPresent() ? "skein:" + name + ":" + BREAKERS.incrementAndGet() : null;
        this.guard = buildGuard();
        if (breakerName != null) {
            // through SmallRye's maintenance rather than a hook on the guard: hooks cost every call ~100 ns
            CircuitBreakerMaintenance.get().onStateChange(breakerName, state -> Listeners.breakerStateChange(this, state));
        }
    }

    /**
     * {@return an unnamed policy, configured from nothing by {@code configure}} Its state is its own: use
     * {@link Policies#define} for a policy shared by name.
     * @throws PolicyDefinitionException listing every invalid parameter
     */
    public static Policy of(UnaryOperator<PolicyConfig> configure) {
        return build(UNNAMED, Objects.requireNonNull(configure.apply(PolicyConfig.NONE), "configure returned null"),
                new ArrayList<>());
    }

    static Policy build(String name, PolicyConfig config, List<String> problems) {
        Validation.check(config, problems);
        if (!problems.isEmpty()) {
            throw new PolicyDefinitionException(name, problems);
        }
        return new Policy(name, config);
    }

    private Guard buildGuard() {
        if (config.equals(PolicyConfig.NONE)) {
            return null;
        }
        Guard.Builder b = Guard.create().withDescription("skein policy " + name);
        config.retry().ifPresent(r -> {
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
        config.circuitBreaker().ifPresent(c -> b.withCircuitBreaker()
                .name(breakerName)
                .requestVolumeThreshold(c.requestVolumeThreshold())
                .failureRatio(c.failureRatio())
                .delay(c.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(c.successThreshold())
                .when(failure -> !isCancellation(failure))
                .done());
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
        config.timeout().ifPresent(t -> b.withTimeout().duration(t.toMillis(), ChronoUnit.MILLIS).done());
        config.bulkhead().ifPresent(limit -> b.withBulkhead().limit(limit).done());
        return b.build();
    }

    /** Skein's rules on top of retryOn/abortOn: no retry once cancelled, none the deadline cannot cover. */
    private boolean shouldRetry(PolicyConfig.Retry retry, Throwable failure) {
        if (retry.abortOn().stream().anyMatch(type -> type.isInstance(failure))
                || retry.retryOn().stream().noneMatch(type -> type.isInstance(failure))
                || (waitForPermit && failure instanceof RateLimitException)
                || isCancellation(failure)) {
            return false;
        }
        Optional<Duration> left = SkeinContext.current().remaining();
        return left.isEmpty() || left.get().compareTo(shortestRetryDelay) > 0;
    }

    private static boolean isCancellation(Throwable failure) {
        return failure instanceof InterruptedException || failure instanceof CancelledException
                || SkeinContext.current().isCancelled();
    }

    /** {@return the policy's name, if it is a named one} */
    public Optional<String> name() {
        return name.equals(UNNAMED) ? Optional.empty() : Optional.of(name);
    }

    /** {@return the policy's configuration, overrides applied} */
    public PolicyConfig config() {
        return config;
    }

    /** {@return the breaker's state and counts of what the policy did} */
    public PolicyState state() {
        Optional<CircuitBreakerState> breaker = breakerName == null ? Optional.empty()
                : Optional.of(CircuitBreakerMaintenance.get().currentState(breakerName));
        return new PolicyState(name, breaker, retries.sum(), breakerRejections.sum(),
                rateLimitRejections.sum(), bulkheadRejections.sum(), timeouts.sum());
    }

    /**
     * Calls {@code body} on the calling thread, through the policy. {@return what it returned}
     * @throws Exception what the last attempt threw, or the rejection that prevented it
     */
    @SuppressWarnings("unchecked")
    public <T> T call(Callable<? extends T> body) throws Exception {
        Objects.requireNonNull(body, "body");
        if (guard == null) {
            return body.call();
        }
        Callable<Object> untyped = (Callable<Object>) body;
        while (true) {
            try {
                return (T) guard.call(untyped, Object.class);
            } catch (RateLimitException rejected) {
                if (!waitForPermit || !awaitPermit(rejected)) {
                    rateLimitRejections.increment();
                    Listeners.rejection(this, PolicyListener.Rejection.RATE_LIMITED);
                    throw rejected;
                }
            } catch (CircuitBreakerOpenException rejected) {
                breakerRejections.increment();
                Listeners.rejection(this, PolicyListener.Rejection.CIRCUIT_BREAKER_OPEN);
                throw rejected;
            } catch (BulkheadException rejected) {
                bulkheadRejections.increment();
                Listeners.rejection(this, PolicyListener.Rejection.BULKHEAD_FULL);
                throw rejected;
            } catch (TimeoutException timedOut) {
                timeouts.increment();
                Listeners.timeout(this);
                throw timedOut;
            }
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

    /** Waits the time SmallRye says a permit needs. {@return false, at once, if the deadline comes first} */
    private boolean awaitPermit(RateLimitException rejected) throws InterruptedException {
        long wait = Math.max(1, rejected.getRetryAfterMillis());
        SkeinContext context = SkeinContext.current();
        Optional<Duration> left = context.remaining();
        if (context.isCancelled() || (left.isPresent() && left.get().toMillis() < wait)) {
            return false; // reject now rather than wait in vain
        }
        Listeners.waitForPermit(this, wait);
        Thread.sleep(wait);
        return true;
    }

    @Override
    public String toString() {
        return "policy '" + name + "' " + config;
    }
}
