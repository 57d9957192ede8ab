package dev.skein.benchmarks;

import dev.skein.policy.Policies;
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
 * A trivial call through a circuit breaker and a rate limit that never rejects: through Skein
 * {@link Policy}s, and through SmallRye {@link Guard}s configured as Skein configures its own, called
 * directly. An unnamed policy's breaker is unnamed; a named policy's is named (so SmallRye's maintenance
 * can report its state), which costs SmallRye some nanoseconds per call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PolicyBenchmark {

    static final Callable<Integer> TRIVIAL = () -> 1;

    private Guard direct;
    private Guard directNamed;
    private Policy policy;
    private Policy named;

    @Setup
    public void build() {
        direct = Guard.create()
                .withCircuitBreaker().requestVolumeThreshold(20).failureRatio(0.5).delay(5, ChronoUnit.SECONDS).done()
                .withRateLimit().limit(Integer.MAX_VALUE).window(1, ChronoUnit.SECONDS).done()
                .build();
        directNamed = Guard.create()
                .withCircuitBreaker().name("benchmark").requestVolumeThreshold(20).failureRatio(0.5)
                        .delay(5, ChronoUnit.SECONDS).done()
                .withRateLimit().limit(Integer.MAX_VALUE).window(1, ChronoUnit.SECONDS).done()
                .build();
        policy = Policy.of(p -> p.withCircuitBreaker(cb -> cb).withRateLimit(rl -> rl.withLimit(Integer.MAX_VALUE)));
        Policies.remove("benchmark");
        named = Policies.define("benchmark",
                p -> p.withCircuitBreaker(cb -> cb).withRateLimit(rl -> rl.withLimit(Integer.MAX_VALUE)));
    }

    @Benchmark
    public Integer smallRyeGuardDirectly() throws Exception {
        return direct.call(TRIVIAL, Integer.class);
    }

    @Benchmark
    public Integer skeinPolicy() throws Exception {
        return policy.call(TRIVIAL);
    }

    @Benchmark
    public Integer smallRyeNamedGuardDirectly() throws Exception {
        return directNamed.call(TRIVIAL, Integer.class);
    }

    @Benchmark
    public Integer skeinNamedPolicy() throws Exception {
        return named.call(TRIVIAL);
    }
}
