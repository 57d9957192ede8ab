package dev.skein.quarkus.runtime.http;

import jakarta.enterprise.context.RequestScoped;
import java.time.Duration;
import java.util.Optional;

/**
 * The time budget the request came with, from {@link BudgetFilter} (which reads it when the request arrives) to
 * {@link BudgetInterceptor} (which runs the endpoint with it). The budget counts from the arrival.
 */
@RequestScoped
class IncomingBudget {

    private long arrivalNanos;
    private long budgetMillis = -1;

    /** Records a positive budget, counted from {@code arrivalNanos} ({@code System.nanoTime()}). */
    void set(long arrivalNanos, long budgetMillis) {
        this.arrivalNanos = arrivalNanos;
        this.budgetMillis = budgetMillis;
    }

    /**
     * {@return the time left of the budget (zero once spent), if the request came with one} Given once: the
     * endpoint's scope holds it from then on, for whatever the endpoint calls.
     */
    Optional<Duration> take() {
        if (budgetMillis < 0) {
            return Optional.empty();
        }
        Duration left = Duration.ofMillis(budgetMillis).minusNanos(System.nanoTime() - arrivalNanos);
        budgetMillis = -1;
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }
}
