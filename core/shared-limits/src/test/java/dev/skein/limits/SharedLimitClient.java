package dev.skein.limits;

import dev.skein.policy.FailDirection;
import dev.skein.policy.Policies;
import dev.skein.policy.Policy;
import io.smallrye.faulttolerance.api.RateLimitException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One instance of a service with a shared limit: defines the policy, then makes its calls through it from four
 * threads. As a main (the second JVM of {@code TwoJvmsTest}): prints {@code ready}, waits for a line on its
 * standard input, makes its calls and prints {@code admitted=N rejected=M}.
 */
public final class SharedLimitClient {

    private SharedLimitClient() {
    }

    /** {@code name limit calls}: the policy's name, its limit per hour, the calls to make. */
    public static void main(String[] args) throws Exception {
        String name = args[0];
        int limit = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        Policy policy = define(Postgres.dataSource(Postgres.PORT), name, limit);
        System.out.println("ready");
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        int[] counts = call(policy, calls);
        System.out.println("admitted=" + counts[0] + " rejected=" + counts[1]);
        System.exit(0);
    }

    static Policy define(DataSource dataSource, String name, int limitPerHour) {
        PostgresRateLimitStore store = PostgresRateLimitStore.of(dataSource);
        return Policies.define(name, p -> p.withRateLimit(rl -> rl.withLimit(limitPerHour).withWindow(Duration.ofHours(1))
                .shared(store, FailDirection.CLOSED)));
    }

    /** {@return the calls admitted and those rejected for want of a permit} */
    static int[] call(Policy policy, int calls) throws Exception {
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                done.add(threads.submit(() -> {
                    try {
                        policy.call(admitted::incrementAndGet);
                    } catch (RateLimitException overTheLimit) {
                        rejected.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> call : done) {
                call.get();
            }
        } finally {
            threads.shutdown();
        }
        return new int[] {admitted.get(), rejected.get()};
    }
}
