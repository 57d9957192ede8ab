package dev.skein.samples.order.inventory;

import dev.skein.context.SkeinContext;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes a Redis lock per product ({@code SET lock:<product> <token> NX PX <ttl>}), then writes. A lock can
 * expire while its holder still works (a long GC pause, a slow database): a second buyer then holds it too.
 * So every holder first draws a fencing token ({@code INCR fence:<product>}), and the database write accepts
 * only a token newer than the last one that wrote the row
 * ({@code update ... set fence = :token where fence < :token and stock >= :q}). A holder whose lock expired
 * after a later holder wrote is refused ({@link StockConflict}) and starts again with a new token.
 * The lock is released only by its holder (compare and delete, in one Lua script).
 */
@ApplicationScoped
@Identifier("redis-lock")
class RedisLockStock implements StockStrategy {

    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
    private static final String CATCH_UP = "if tonumber(redis.call('get', KEYS[1]) or '0') < tonumber(ARGV[1]) then"
            + " redis.call('set', KEYS[1], ARGV[1]) end return 0";

    @Inject
    RedisDataSource redis;

    @Inject
    EntityManager em;

    @ConfigProperty(name = "sample.inventory.redis-lock.ttl", defaultValue = "500ms")
    Duration ttl;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void take(String productId, int quantity) {
        while (true) {
            long token = acquire(productId);
            try {
                if (write(productId, quantity, token)) {
                    return;
                }
            } catch (StockConflict e) {
                continue; // a later holder wrote first: our lock had expired
            } finally {
                release(productId, token);
            }
            throw new OutOfStockException(productId, quantity);
        }
    }

    /**
     * Writes with {@code token}. {@return false when there is not enough stock}
     *
     * @throws StockConflict when a holder with a later token has written the row
     */
    boolean write(String productId, int quantity, long token) {
        int updated = em.createNativeQuery("update product set stock = stock - :q, fence = :token, version = version + 1"
                        + " where id = :id and fence < :token and stock >= :q")
                .setParameter("q", quantity).setParameter("token", token).setParameter("id", productId)
                .executeUpdate();
        if (updated == 1) {
            return true;
        }
        Object fence = em.createNativeQuery("select fence from product where id = :id").setParameter("id", productId)
                .getResultStream().findFirst().orElse(null);
        if (fence != null && ((Number) fence).longValue() >= token) {
            // Usually a later holder wrote; if Redis lost its counter (it keeps nothing on disk), move it past the fence.
            redis.execute("EVAL", CATCH_UP, "1", "fence:" + productId, fence.toString());
            throw new StockConflict("fencing token " + token + " of " + productId + " is stale: " + fence + " wrote since");
        }
        return false;
    }

    /** Draws a fencing token and waits for the lock, within the caller's deadline. {@return the token} */
    long acquire(String productId) {
        long pause = 1;
        while (true) {
            long token = redis.value(Long.class).incr("fence:" + productId);
            Response set = redis.execute("SET", "lock:" + productId, Long.toString(token), "NX", "PX", Long.toString(ttl.toMillis()));
            if (set != null) {
                return token;
            }
            SkeinContext.current().throwIfCancelled(); // the order's deadline bounds the wait
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for the lock of " + productId, e);
            }
            pause = Math.min(pause * 2, 10);
        }
    }

    /**
     * Deletes the lock if {@code token} still holds it. Also when the caller was interrupted (its deadline passed):
     * a lock left behind would stop every other buyer of the product until it expired.
     */
    void release(String productId, long token) {
        boolean interrupted = Thread.interrupted();
        try {
            redis.execute("EVAL", RELEASE, "1", "lock:" + productId, Long.toString(token));
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
