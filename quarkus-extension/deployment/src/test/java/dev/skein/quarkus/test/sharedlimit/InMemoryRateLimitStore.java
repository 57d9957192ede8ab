package dev.skein.quarkus.test.sharedlimit;

import dev.skein.policy.PolicyConfig;
import dev.skein.policy.RateLimitStore;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application's store of shared rate limits, in memory: a limit's permits are taken for good (a window that
 * never ends), and a limit can be cut off, as if its database could not be reached.
 */
@Singleton
public class InMemoryRateLimitStore implements RateLimitStore {

    private final Map<String, AtomicInteger> taken = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private final Set<String> cutOff = ConcurrentHashMap.newKeySet();

    @Override
    public long tryAcquire(String name, PolicyConfig.RateLimit limit) throws SQLException {
        asked.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
        if (cutOff.contains(name)) {
            throw new SQLException("Connection to 127.0.0.1:5432 refused");
        }
        return taken.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet() <= limit.limit() ? 0
                : limit.window().toMillis();
    }

    /** From now on, asking for a permit of {@code name} fails, as a database that cannot be reached. */
    void cutOff(String name) {
        cutOff.add(name);
    }

    /** From now on, the permits of {@code name} are counted again. */
    void reconnect(String name) {
        cutOff.remove(name);
    }

    /** {@return how many times a permit of {@code name} was asked for} */
    int asked(String name) {
        AtomicInteger n = asked.get(name);
        return n == null ? 0 : n.get();
    }
}
