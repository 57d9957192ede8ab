package dev.skein.samples.payment;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The misbehaviour switched on at run time through {@code PUT /admin/faults}: added latency on authorisations
 * and captures, a share of them failing with 503 before any effect, and a share of authorisations declined.
 */
@ApplicationScoped
public class Faults {

    /** The faults in force; all zero by default. */
    public record Settings(long latencyMs, long jitterMs, double failureRate, double declineRate) {
        static final Settings NONE = new Settings(0, 0, 0, 0);

        /** Checks the ranges, naming the field that is wrong. */
        public Settings {
            if (latencyMs < 0 || jitterMs < 0) {
                throw new IllegalArgumentException("latencyMs and jitterMs must be 0 or more, were " + latencyMs + " and " + jitterMs);
            }
            if (!(failureRate >= 0 && failureRate <= 1) || !(declineRate >= 0 && declineRate <= 1)) {
                throw new IllegalArgumentException("failureRate and declineRate must be between 0 and 1, were " + failureRate
                        + " and " + declineRate);
            }
        }
    }

    private volatile Settings settings = Settings.NONE;

    public Settings settings() {
        return settings;
    }

    public void set(Settings next) {
        settings = next;
    }

    /** Waits the configured latency; interrupted (by the request's budget running out, say), it gives up. */
    void delay() throws InterruptedException {
        Settings s = settings;
        long millis = s.latencyMs() + (s.jitterMs() > 0 ? ThreadLocalRandom.current().nextLong(s.jitterMs() + 1) : 0);
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    boolean fails() {
        return happens(settings.failureRate());
    }

    boolean declines() {
        return happens(settings.declineRate());
    }

    private static boolean happens(double rate) {
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }
}
