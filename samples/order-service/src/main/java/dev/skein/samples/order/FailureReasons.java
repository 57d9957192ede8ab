package dev.skein.samples.order;

import dev.skein.DeadlineExceededException;
import dev.skein.graph.RunReport;
import dev.skein.samples.order.inventory.OutOfStockException;
import dev.skein.samples.order.payment.Authorisation;
import dev.skein.samples.order.payment.PaymentFailedException;
import dev.skein.samples.order.payment.PaymentRefusedException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/** Turns the report of a failed saga run into the reason a failed order shows its buyer. */
final class FailureReasons {

    static final String OUT_OF_STOCK = "out of stock";
    static final String DECLINED = "payment declined";
    static final String VOIDED = "payment voided";
    static final String BREAKER_OPEN = "payment service unavailable (circuit breaker open)";
    static final String PAYMENT_FAILED = "payment service failed";
    static final String DEADLINE = "deadline exceeded";
    /** The saga was undone, and nobody waited for the reason: the request's own deadline had passed. */
    static final String UNDONE = "undone after the request's deadline";

    private FailureReasons() {
    }

    /** {@return why the run failed, in a few words} */
    static String of(RunReport report) {
        return switch (report.outcome()) {
            case DEADLINE_EXCEEDED -> DEADLINE;
            case CANCELLED -> "cancelled";
            case OWNER_LOST -> "owner lost";
            case SUCCEEDED -> "succeeded"; // not a failure: never asked
            case FAILED -> report.failure().map(FailureReasons::ofFailure).orElse("failed");
        };
    }

    private static String ofFailure(Throwable failure) {
        if (Causes.find(failure, OutOfStockException.class).isPresent()) {
            return OUT_OF_STOCK;
        }
        var refused = Causes.find(failure, PaymentRefusedException.class);
        if (refused.isPresent()) {
            return refused.get().authorisation().outcome() == Authorisation.Outcome.DECLINED ? DECLINED : VOIDED;
        }
        if (Causes.find(failure, CircuitBreakerOpenException.class).isPresent()) {
            return BREAKER_OPEN;
        }
        if (Causes.find(failure, DeadlineExceededException.class).isPresent()) {
            return DEADLINE;
        }
        if (Causes.find(failure, TimeoutException.class).isPresent()) {
            return "payment service too slow";
        }
        if (Causes.find(failure, PaymentFailedException.class).isPresent()) {
            return PAYMENT_FAILED;
        }
        return "failed: " + failure.getMessage();
    }
}
