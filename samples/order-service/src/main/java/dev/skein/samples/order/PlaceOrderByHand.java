package dev.skein.samples.order;

import dev.skein.policy.Policies;
import dev.skein.samples.order.inventory.Inventory;
import dev.skein.samples.order.inventory.OutOfStockException;
import dev.skein.samples.order.inventory.Reservation;
import dev.skein.samples.order.payment.Authorisation;
import dev.skein.samples.order.payment.PaymentGateway;
import dev.skein.samples.order.payment.PaymentRefusedException;
import io.quarkus.virtual.threads.VirtualThreads;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The saga of {@link PlaceOrderSaga} written by hand with {@link CompletableFuture}, for the load benchmark's
 * comparison ({@code docs/benchmarks.md}): the same beans called in the same order, the same compensations for
 * the same outcomes, the same deadline; only the orchestration differs. Not the way to write it: everything Skein
 * does for the graph is done here by hand, and this is what that takes.
 *
 * <ul>
 * <li>The steps run on a virtual-thread executor, as the graph's tasks do (which one is {@code sample.by-hand.executor}:
 *     {@code plain}, the JDK's, carries no context into the steps; {@code quarkus}, Quarkus's {@code @VirtualThreads}
 *     executor, carries the request's Vert.x context, and with it its OpenTelemetry context, MDC and CDI request
 *     context, the kinds the graph carries into its tasks; every step shares that one Vert.x context, and so one
 *     current span): create the order; then reserve the
 *     stock and authorise the payment (through the named policy {@code payment}) side by side, waiting for both
 *     ({@code allOf}); then confirm (capture, then mark the order CONFIRMED). When one of the two fails, the
 *     other is interrupted by hand (a future cannot cancel the work it waits for), as the graph cancels a
 *     failed task's siblings.</li>
 * <li>What each step achieved is recorded in an {@link Attempt}, because a failed future no longer says which
 *     stages completed: compensation needs to know.</li>
 * <li>The deadline (the graph's own, {@code quarkus.skein.graph."place order".timeout}, else the endpoint scope's) is
 *     {@code orTimeout} on a copy of the chain; when it passes, the steps in flight are interrupted and later steps
 *     do not start.</li>
 * <li>On failure the compensations run in reverse order once the step in flight has ended, each retried
 *     {@code compensation-retries} times: void (or refund) an approved authorisation, void by order id an
 *     authorisation that failed or was cut short (it may have reached the service; not one an open breaker
 *     refused), refund a capture that failed or was cut short, release the stock (by order id also when the
 *     reservation was cut short: it may have committed). The caller's future then fails with the saga's first
 *     failure (not the interrupt of a sibling that it caused).</li>
 * </ul>
 */
@ApplicationScoped
public class PlaceOrderByHand {

    @Inject
    OrderService orders;

    @Inject
    Inventory inventory;

    @Inject
    PaymentGateway payments;

    @Inject
    SagaStats stats;

    /** The graph's own deadline where one is set, else that of the endpoint's scope, as the Skein saga has. */
    @ConfigProperty(name = "quarkus.skein.graph.\"place order\".timeout")
    Optional<Duration> graphDeadline;

    @ConfigProperty(name = "quarkus.skein.scope.\"place-order\".timeout", defaultValue = "3s")
    Duration scopeDeadline;

    private Duration deadline;

    @ConfigProperty(name = "quarkus.skein.graph.\"place order\".compensation-retries", defaultValue = "3")
    int compensationRetries;

    /** {@code plain} (the JDK's virtual-thread executor) or {@code quarkus} (Quarkus's {@code @VirtualThreads} one). */
    @ConfigProperty(name = "sample.by-hand.executor", defaultValue = "plain")
    String executorName;

    @Inject
    @VirtualThreads
    ExecutorService quarkusVirtualThreads;

    /** The steps' executor; this bean's own (and shut down with it) when {@code plain}. */
    private ExecutorService steps;

    @PostConstruct
    void start() {
        deadline = graphDeadline.filter(d -> d.compareTo(scopeDeadline) < 0).orElse(scopeDeadline);
        steps = switch (executorName) {
            case "plain" -> Executors.newVirtualThreadPerTaskExecutor();
            case "quarkus" -> quarkusVirtualThreads;
            default -> throw new IllegalStateException("sample.by-hand.executor must be plain or quarkus, was '"
                    + executorName + "'");
        };
    }

    @PreDestroy
    void close() {
        if (steps != quarkusVirtualThreads) {
            steps.shutdownNow();
        }
    }

    /**
     * Runs the saga for {@code command}. {@return a future of the confirmation; it fails with {@link Failed}, after
     * the compensations have run, whose cause is the saga's first failure (a {@link TimeoutException} for the
     * deadline)}
     */
    public CompletableFuture<Confirmation> place(PlaceOrderCommand command) {
        Attempt attempt = new Attempt();
        CompletableFuture<Confirmation> chain = CompletableFuture
                .supplyAsync(() -> attempt.step(() -> {
                    attempt.creating = true;
                    return attempt.order = orders.create(command);
                }), steps)
                .thenComposeAsync(order -> {
                    CompletableFuture<Reservation> reserved = CompletableFuture.supplyAsync(() -> attempt.step(() -> {
                        attempt.reserving = true;
                        try {
                            attempt.reservation = inventory.reserve(order.id(), order.productId(), order.quantity());
                        } catch (OutOfStockException e) {
                            attempt.outOfStock = true;
                            throw e;
                        }
                        return attempt.reservation;
                    }), steps);
                    CompletableFuture<Authorisation> authorised = CompletableFuture.supplyAsync(() -> attempt.step(() -> {
                        attempt.authorising = true;
                        try {
                            attempt.authorisation = authorise(order);
                        } catch (RuntimeException e) {
                            attempt.authoriseFailure = e;
                            throw e;
                        }
                        return attempt.authorisation;
                    }), steps);
                    // both ended (allOf waits for both, also when one fails) before anything is undone
                    return CompletableFuture.allOf(reserved, authorised).thenApply(bothDone -> authorised.join());
                }, steps)
                .thenApplyAsync(authorisation -> attempt.step(() -> {
                    if (!authorisation.approved()) {
                        throw new PaymentRefusedException(authorisation);
                    }
                    attempt.capturing = true;
                    payments.capture(attempt.order.id());
                    orders.confirm(attempt.order.id());
                    return new Confirmation(attempt.order.id());
                }), steps);
        chain.copy().orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS).exceptionally(failure -> {
            if (unwrap(failure) instanceof TimeoutException) {
                attempt.cut();
            }
            return null;
        });
        return chain.handleAsync((confirmation, failure) -> {
            if (failure == null) { // all done, even if the deadline passed during the last step
                return confirmation;
            }
            compensate(attempt, command);
            Throwable first = attempt.timedOut
                    ? new TimeoutException("the order's deadline of " + deadline.toMillis() + " ms passed")
                    : attempt.firstFailure != null ? attempt.firstFailure : unwrap(failure);
            throw new Failed(first);
        }, steps);
    }

    /** The saga failed and what it did is undone; {@link #getCause()} is its first failure. */
    public static final class Failed extends RuntimeException {

        Failed(Throwable cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Authorises through the named policy {@code payment}, as the graph's task does. */
    private Authorisation authorise(CreatedOrder order) {
        try {
            return Policies.get("payment").call(() -> payments.authorise(order.id(), order.amountCents()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /**
     * Undoes what succeeded, or may have, the latest first, as the graph's {@code @Compensates} and
     * {@code @CompensatesUncertainEffect} methods do.
     */
    private void compensate(Attempt attempt, PlaceOrderCommand command) {
        String orderId = command.orderId();
        if (attempt.order == null) { // writing the order failed or was cut short: it may have landed all the same
            Throwable why = attempt.firstFailure;
            if (attempt.creating && (why == null || Causes.find(why, DuplicateOrderException.class).isEmpty()
                    && Causes.find(why, UnknownProductException.class).isEmpty())) {
                retried(() -> orders.failIfWritten(command, FailureReasons.UNDONE));
            }
            return;
        }
        if (attempt.capturing) { // capturing failed or was cut short: the money may have been taken
            undo(() -> payments.voidOrRefund(orderId), "refund uncertain capture");
        } else if (attempt.authorisation != null) {
            if (attempt.authorisation.approved()) {
                undo(() -> payments.voidOrRefund(orderId), "void payment");
            }
        } else if (attempt.authorising && !(attempt.authoriseFailure != null
                && Causes.refusedByTheBreakerOnly(attempt.authoriseFailure))) {
            // the call failed or was cut short: it may have authorised all the same (unless the open breaker
            // refused every attempt)
            undo(() -> payments.voidPayment(orderId), "void uncertain payment");
        }
        if (attempt.reservation != null) {
            retried(() -> {
                if (inventory.release(orderId)) {
                    stats.compensated("release stock");
                }
            });
        } else if (attempt.reserving && !attempt.outOfStock) { // cut short, it may have committed (or be committing)
            retried(() -> {
                if (inventory.releaseUncertain(orderId, attempt.order.productId())) {
                    stats.compensated("release uncertain stock");
                }
            });
        }
    }

    private void undo(Runnable compensation, String name) {
        retried(() -> {
            compensation.run();
            stats.compensated(name);
        });
    }

    /** Runs {@code compensation}, again up to {@code compensation-retries} times while it fails. */
    private void retried(Runnable compensation) {
        for (int attempt = 0; ; attempt++) {
            try {
                compensation.run();
                return;
            } catch (RuntimeException e) {
                if (attempt >= compensationRetries) {
                    return; // left for an operator, as the graph leaves a compensation that keeps failing
                }
            }
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * What one run of the saga has achieved so far, and the steps in flight, which the deadline, or the failure of a
     * step beside them, interrupts.
     */
    private static final class Attempt {
        volatile boolean creating;
        volatile CreatedOrder order;
        volatile boolean reserving;
        /** An empty shelf: certain, nothing was reserved. */
        volatile boolean outOfStock;
        volatile Reservation reservation;
        volatile boolean authorising;
        volatile RuntimeException authoriseFailure;
        volatile Authorisation authorisation;
        volatile boolean capturing;
        volatile boolean timedOut;
        /** The first failure of a step, not counting the interrupts it caused. */
        volatile RuntimeException firstFailure;
        private boolean stopped;
        private final Set<Thread> running = new HashSet<>();

        /**
         * Runs one step on this thread, unless the saga has stopped (deadline, or a failed step); either interrupts
         * it. A step that fails stops the others.
         */
        <T> T step(Supplier<T> body) {
            Thread me = Thread.currentThread();
            synchronized (this) {
                if (stopped) {
                    throw new CompletionException(timedOut ? new TimeoutException("deadline passed")
                            : new CancellationException("a step beside it failed"));
                }
                running.add(me);
            }
            try {
                return body.get();
            } catch (RuntimeException e) {
                synchronized (this) {
                    if (!stopped) {
                        firstFailure = e;
                        stop();
                    }
                }
                throw e;
            } finally {
                synchronized (this) {
                    running.remove(me);
                    Thread.interrupted(); // an interrupt meant for this step must not reach the next task of the thread
                }
            }
        }

        synchronized void cut() {
            timedOut = true;
            stop();
        }

        /** No step starts any more; those in flight, but the caller's, are interrupted. */
        private synchronized void stop() {
            stopped = true;
            for (Thread t : running) {
                if (t != Thread.currentThread()) {
                    t.interrupt();
                }
            }
        }
    }
}
