package dev.skein.policy;

import io.smallrye.faulttolerance.api.RateLimitType;
import java.time.Duration;
import java.util.List;

/**
 * Checks a policy's configuration against what SmallRye Fault Tolerance 6.10.1 takes, so that every value
 * it would reject, overflow on or fail with at the first call is rejected when the policy is defined. Each
 * problem names the parameter, the allowed range, the value and how to fix it.
 *
 * <p>Where each limit comes from (Skein hands SmallRye whole milliseconds, in a {@code long}):
 * <ul>
 * <li>every duration: its milliseconds must fit in a {@code long} ({@link Duration#toMillis()});</li>
 * <li>retry delay and backoff cap: below the retry's maximum duration, which Skein sets to one day
 * ({@code RetryConfig}, {@code BasicFaultToleranceOperation}: "maxDuration should be greater than delay",
 * "maxDelay should not be greater than maxDuration"), and a delay below its cap ({@code ExponentialBackOff}:
 * "Initial delay must be < max delay");</li>
 * <li>jitter: {@code RandomJitter} draws from {@code [-jitter, jitter + 1)} and the backoff adds it to the
 * delay, neither may overflow;</li>
 * <li>rate-limit spacing: the window starts with the last call {@code minSpacing} before its start;</li>
 * <li>bulkhead: SmallRye adds its queue (10, unused by synchronous calls) to the limit with
 * {@code Math.addExact};</li>
 * <li>what SmallRye allocates at the first call: a bit per call of the breaker's window, a timestamp per
 * permit of a rolling rate limit. Skein asks that it fit in half the maximum heap.</li>
 * </ul>
 */
final class Validation {

    private static final long DAY_MILLIS = Duration.ofDays(1).toMillis();
    /** The longest duration whose milliseconds fit in a long. */
    private static final Duration LONGEST = Duration.ofMillis(Long.MAX_VALUE).plusNanos(999_999);
    private static final String LONGEST_TEXT = Long.MAX_VALUE + " ms (about 292 million years)";
    private static final long LONGEST_SPACING_MILLIS = Long.MAX_VALUE / 2;
    /** SmallRye's default bulkhead queue, added to the limit even though synchronous calls never queue. */
    private static final int LARGEST_BULKHEAD = Integer.MAX_VALUE - 10;
    /** The largest array length every JVM allocates ({@code jdk.internal.util.ArraysSupport.SOFT_MAX_ARRAY_LENGTH}). */
    private static final int LARGEST_ARRAY = Integer.MAX_VALUE - 8;

    private final List<String> problems;
    private final long heapBudget;

    private Validation(List<String> problems, long maxHeap) {
        this.problems = problems;
        this.heapBudget = maxHeap / 2;
    }

    static void check(PolicyConfig c, List<String> problems) {
        check(c, Runtime.getRuntime().maxMemory(), problems);
    }

    /** Like {@link #check(PolicyConfig, List)} for a JVM whose maximum heap is {@code maxHeap} bytes. */
    static void check(PolicyConfig c, long maxHeap, List<String> problems) {
        Validation v = new Validation(problems, maxHeap);
        c.retry().ifPresent(v::retry);
        c.circuitBreaker().ifPresent(v::circuitBreaker);
        c.rateLimit().ifPresent(v::rateLimit);
        c.timeout().ifPresent(t -> v.duration("timeout", t, 1, Long.MAX_VALUE, "at least 1 ms and at most " + LONGEST_TEXT,
                "SmallRye counts whole milliseconds in a long; leave the timeout out for none"));
        c.bulkhead().ifPresent(b -> v.between("bulkhead", b, 1, LARGEST_BULKHEAD,
                "it is the most calls at once, and SmallRye adds its queue of 10 to it in an int"));
    }

    private void retry(PolicyConfig.Retry r) {
        between("retry.maxRetries", r.maxRetries(), 0, Integer.MAX_VALUE,
                "it counts the retries after the first attempt (MicroProfile's -1, forever, is left to the deadline)");
        boolean delayOk = duration("retry.delay", r.delay(), 0, DAY_MILLIS - 1, "0 or more and less than 1 day",
                "SmallRye ends a retry after a day (Skein leaves the real bound to the deadline)");
        long delay = delayOk ? r.delay().toMillis() : 0;
        long longestJitter = Long.MAX_VALUE - Math.max(1, delay);
        duration("retry.jitter", r.jitter(), 0, longestJitter, "0 or more and at most " + longestJitter + " ms",
                "SmallRye adds the delay and the jitter in a long of milliseconds");
        between("retry.backoffFactor", r.backoffFactor(), 1, Integer.MAX_VALUE, "1 keeps the delay constant");
        if (r.backoffFactor() > 1) {
            duration("retry.maxDelay", r.maxDelay(), delay + 1, DAY_MILLIS - 1,
                    "longer than retry.delay (" + delay + " ms) and shorter than 1 day, in whole milliseconds",
                    "it caps the growing delay, so it must lie between the delay and the day after which SmallRye "
                            + "ends a retry");
        } else if (r.maxDelay() == null) {
            problems.add("retry.maxDelay must be set, was null: give the cap of a growing delay");
        }
        if (r.retryOn().isEmpty()) {
            problems.add("retry.retryOn must name at least one exception type, or the retry never retries");
        }
    }

    private void circuitBreaker(PolicyConfig.CircuitBreaker b) {
        if (between("circuitBreaker.requestVolumeThreshold", b.requestVolumeThreshold(), 1, Integer.MAX_VALUE,
                "it is the number of calls the breaker looks back on")) {
            int most = (int) Math.min(Integer.MAX_VALUE, Math.min(heapBudget / 8, Integer.MAX_VALUE) * 64);
            fitsHeap("circuitBreaker.requestVolumeThreshold", b.requestVolumeThreshold(), most,
                    (b.requestVolumeThreshold() + 63L) / 64 * 8, "a bit per call of its window", "lower it");
        }
        if (!(b.failureRatio() >= 0 && b.failureRatio() <= 1)) {
            problems.add("circuitBreaker.failureRatio must be between 0 and 1, was " + b.failureRatio()
                    + ": it is the share of failed calls that opens the breaker");
        }
        duration("circuitBreaker.delay", b.delay(), 0, Long.MAX_VALUE, "0 or more and at most " + LONGEST_TEXT,
                "SmallRye counts whole milliseconds in a long");
        between("circuitBreaker.successThreshold", b.successThreshold(), 1, Integer.MAX_VALUE,
                "it is the number of trial calls that close the breaker");
    }

    private void rateLimit(PolicyConfig.RateLimit l) {
        if (between("rateLimit.limit", l.limit(), 1, Integer.MAX_VALUE, "it is the number of calls per window")
                && l.type() == RateLimitType.ROLLING) {
            fitsHeap("rateLimit.limit of a ROLLING rate limit", l.limit(), (int) Math.min(LARGEST_ARRAY, heapBudget / 8),
                    8L * l.limit(), "an array of a timestamp per permit", "use FIXED or SMOOTH, or lower it");
        }
        duration("rateLimit.window", l.window(), 1, Long.MAX_VALUE, "at least 1 ms and at most " + LONGEST_TEXT,
                "SmallRye counts whole milliseconds in a long");
        duration("rateLimit.minSpacing", l.minSpacing(), 0, LONGEST_SPACING_MILLIS,
                "0 or more and at most " + LONGEST_SPACING_MILLIS + " ms (about 146 million years)",
                "SmallRye adds it to the time of the first call in a long of milliseconds");
        if (l.type() == null) {
            problems.add("rateLimit.type must be FIXED, ROLLING or SMOOTH, was null");
        }
        if (l.shared().isPresent()) {
            if (l.type() == RateLimitType.ROLLING) {
                problems.add("rateLimit.type of a shared rate limit must be FIXED or SMOOTH, was ROLLING: "
                        + "its store counts a fixed window or a steady refill");
            }
            if (l.minSpacing() != null && !l.minSpacing().isZero()) {
                problems.add("rateLimit.minSpacing of a shared rate limit must be 0, was " + l.minSpacing()
                        + ": its store does not space calls; lower the window and the limit together instead");
            }
            if (l.window() != null && l.window().compareTo(Duration.ofNanos(l.limit())) < 0) {
                problems.add("rateLimit.limit of a shared rate limit must be at most one call per nanosecond of its"
                        + " window, was " + l.limit() + " per " + l.window() + ": a store (Bucket4j) refuses a faster"
                        + " refill; lengthen the window or lower the limit");
            }
        }
    }

    /** Checks {@code min <= value <= max}. {@return whether it is} */
    private boolean between(String parameter, int value, int min, int max, String fix) {
        if (value >= min && value <= max) {
            return true;
        }
        String range = max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
        problems.add(parameter + " must be " + range + ", was " + value + ": " + fix);
        return false;
    }

    /**
     * Checks that {@code value} is set and, in whole milliseconds (never overflowing), from {@code minMillis}
     * to {@code maxMillis}. {@return whether it is}
     */
    private boolean duration(String parameter, Duration value, long minMillis, long maxMillis, String range, String fix) {
        boolean ok = value != null && !value.isNegative() && value.compareTo(LONGEST) <= 0
                && value.toMillis() >= minMillis && value.toMillis() <= maxMillis;
        if (!ok) {
            problems.add(parameter + " must be " + range + ", was " + value + ": " + fix);
        }
        return ok;
    }

    /**
     * Checks that {@code value} is at most {@code most}: what SmallRye allocates for it at the first call,
     * {@code bytes}, must fit in half the maximum heap (and an array in the largest array).
     */
    private void fitsHeap(String parameter, int value, int most, long bytes, String what, String fix) {
        if (value > most) {
            problems.add(parameter + " must be at most " + most + " in this JVM, was " + value + ": SmallRye allocates "
                    + what + " at the first call, " + mb(bytes) + ", and it must fit in half of the maximum heap ("
                    + mb(2 * heapBudget) + "); " + fix + ", or give the JVM a larger heap (-Xmx)");
        }
    }

    private static String mb(long bytes) {
        return bytes / (1024 * 1024) + " MB";
    }
}
