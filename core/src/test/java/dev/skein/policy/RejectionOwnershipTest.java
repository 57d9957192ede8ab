package dev.skein.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.faulttolerance.api.RateLimitException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * A policy counts, reports and traces only the rejections it made: one thrown by its body (a policy called inside
 * it) is the body's, also when both policies have the same name and the inner one's number begins with the outer
 * one's digits, as #41 does with #4.
 */
class RejectionOwnershipTest {

    private static final Pattern NUMBER = Pattern.compile("#(\\d+)");

    @Test
    void aRejectionByAnInnerPolicyNumberedLikeThisOneWithOneMoreDigitIsNotThisOnes() throws Exception {
        // the outer policy's number, read from its own timeout (which it counts)
        Policy outer = Policy.of(p -> p.withTimeout(Duration.ofMillis(20)));
        CountDownLatch never = new CountDownLatch(1);
        TimeoutException timedOut = catchThrowableOfType(() -> outer.call(() -> {
            never.await();
            return null;
        }), TimeoutException.class);
        long n = number(timedOut);
        assertThat(outer.state().timeouts()).isEqualTo(1);

        // policies are numbered as they are made: make unnamed ones until one is numbered n and one more digit
        Policy inner = null;
        RateLimitException innerRejection = null;
        for (int made = 0; made < 1_000_000 && innerRejection == null; made++) {
            Policy candidate = Policy.of(p -> p.withRateLimit(rl -> rl.withLimit(1).withWindow(Duration.ofHours(1))));
            candidate.call(() -> null); // its one permit
            RateLimitException rejected = catchThrowableOfType(() -> candidate.call(() -> null), RateLimitException.class);
            long m = number(rejected);
            if (m / 10 == n) {
                inner = candidate;
                innerRejection = rejected;
            } else {
                assertThat(m).as("the next policy's number").isLessThan(10 * n);
            }
        }
        assertThat(innerRejection).as("a policy numbered #" + n + "0 to #" + n + "9").isNotNull();
        assertThat(innerRejection.getMessage()).startsWith("skein policy '(unnamed)' #" + n);

        List<String> rejections = new CopyOnWriteArrayList<>();
        Policy calledInside = inner;
        try (var listening = Policies.addListener(new PolicyListener() {
            @Override
            public void onRejection(Policy policy, Rejection rejection) {
                rejections.add((policy == outer ? "outer " : "inner ") + rejection);
            }
        })) {
            assertThatThrownBy(() -> outer.call(() -> calledInside.call(() -> "never")))
                    .isInstanceOf(RateLimitException.class);
        }
        assertThat(rejections).containsExactly("inner RATE_LIMITED");
        assertThat(outer.state().rateLimitRejections()).isZero();
        assertThat(inner.state().rateLimitRejections()).isEqualTo(2);
    }

    private static long number(Throwable rejection) {
        Matcher m = NUMBER.matcher(rejection.getMessage());
        assertThat(m.find()).as("a policy's number in '" + rejection.getMessage() + "'").isTrue();
        return Long.parseLong(m.group(1));
    }

    private static <T extends Throwable> T catchThrowableOfType(ThrowingCall call, Class<T> type) {
        try {
            call.run();
        } catch (Throwable t) {
            assertThat(t).isInstanceOf(type);
            return type.cast(t);
        }
        throw new AssertionError("expected a " + type.getSimpleName() + ", nothing was thrown");
    }

    @FunctionalInterface
    private interface ThrowingCall {
        void run() throws Exception;
    }
}
