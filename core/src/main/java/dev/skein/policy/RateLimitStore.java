package dev.skein.policy;

/**
 * Where a shared rate limit keeps its count, so that every instance of a service takes its permits from
 * one limit: {@code N} calls per window for all of them together, not {@code N} each. A named policy uses
 * one with {@link PolicyConfig.RateLimit#shared}; {@code skein-shared-limits} implements it on PostgreSQL.
 * {@snippet :
 * RateLimitStore store = PostgresRateLimitStore.of(dataSource);
 * Policies.define("payment", p -> p.withRateLimit(rl -> rl.withLimit(50).withWindow(Duration.ofSeconds(1))
 *         .shared(store, FailDirection.CLOSED)));
 * }
 * The policy asks the store for a permit before anything else (its retries take none) and does the rest:
 * it rejects with SmallRye's {@code RateLimitException}, or waits within the caller's deadline; when the
 * store throws, it admits or rejects the call as the policy's {@link FailDirection} says.
 *
 * @implSpec Implementations are thread-safe, and count the permits of every instance that uses the same
 * store with the same name, limit, window and type as one limit.
 */
public interface RateLimitStore {

    /**
     * Takes one permit of the limit called {@code name}: at most {@code limit.limit()} per
     * {@code limit.window()}, counted as {@code limit.type()} says ({@code FIXED} or {@code SMOOTH}).
     * {@return 0 when a permit was taken, otherwise the milliseconds (1 or more) until one may be free}
     * @throws Exception when the store cannot be reached or fails
     */
    long tryAcquire(String name, PolicyConfig.RateLimit limit) throws Exception;
}
