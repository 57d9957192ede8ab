package dev.skein.benchmarks;

import dev.skein.policy.Policy;
import io.smallrye.faulttolerance.api.Guard;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A trivial call through a circuit breaker and a rate limit that never rejects: through a Skein
 * {@link Policy}; through a SmallRye {@link Guard} configured as Skein configures its own (a named
 * breaker, so its state can be read, and a predicate that does not count cancellations); and through a
 * minimal SmallRye guard, for what those two choices cost.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyBenchmark {

    static final Callable<Integer> TRIVIAL = () -> 1;

    private Guard direct;
    private Guard minimal;
    private Policy policy;

    @Setup
    public void build() {
        direct = Guard.create()
                .withCircuitBreaker().name("benchmark").requestVolumeThreshold(20).failureRatio(0.5)
                        .delay(5, ChronoUnit.SECONDS).when(failure -> !(failure instanceof InterruptedException)).done()
                .withRateLimit().limit(Integer.MAX_VALUE).window(1, ChronoUnit.SECONDS).done()
                .build();
        minimal = Guard.create()
                .withCircuitBreaker().requestVolumeThreshold(20).failureRatio(0.5).delay(5, ChronoUnit.SECONDS).done()
                .withRateLimit().limit(Integer.MAX_VALUE).window(1, ChronoUnit.SECONDS).done()
                .build();
        policy = Policy.of(p -> p.withCircuitBreaker(cb -> cb).withRateLimit(rl -> rl.withLimit(Integer.MAX_VALUE)));
    }

    @Benchmark
    public Integer smallRyeGuardDirectly() throws Exception {
        return direct.call(TRIVIAL, Integer.class);
    }

    @Benchmark
    public Integer smallRyeMinimalGuard() throws Exception {
        return minimal.call(TRIVIAL, Integer.class);
    }

    @Benchmark
    public Integer skeinPolicy() throws Exception {
        return policy.call(TRIVIAL);
    }
}
