package dev.skein.samples.order.inventory;

import dev.skein.context.SkeinContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Takes a Redis lock per product ({@code SET lock:<product> <token> NX PX <ttl>}), then writes. A lock can
 * expire while its holder still works (a long GC pause, a slow database): a second buyer then holds it too.
 * So every holder first draws a fencing token ({@code INCR fence:<product>}), and the database write accepts
 * only a token newer than the last one that wrote the row
 * ({@code update ... set fence = :token where fence < :token and stock >= :q}). A holder whose lock expired
 * after a later holder wrote is refused ({@link StockConflict}) and starts again with a new token.
 * The lock is released only by its holder (compare and delete, in one Lua script), once the transaction
 * that wrote has ended: it is taken before that transaction starts, so a buyer polling for it holds no
 * database connection (50 pollers would hold a pool of 40, and starve every other query of the service).
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

    /** The fencing token of the lock this thread holds, while {@link #around} runs the transaction. */
    private static final ScopedValue<Long> TOKEN = ScopedValue.newInstance();

    /**
     * Takes the lock, runs the transaction with its token, and releases the lock once the transaction has ended, so
     * that no buyer polls for the lock while holding a database connection.
     */
    @Override
    public <T> T around(String productId, int quantity, Supplier<T> transaction) {
        // An empty shelf needs no lock: without this, every buyer of a sold-out product queues for it only to hear
        // "out of stock" (stock that comes back later, released by a failed order, is found by the next buyer).
        if (!enoughLeft(productId, quantity)) {
            throw new OutOfStockException(productId, quantity);
        }
        while (true) {
            long token = acquire(productId, quantity);
            try {
                return ScopedValue.where(TOKEN, token).call(transaction::get);
            } catch (StockConflict e) {
                continue; // a later holder wrote first: our lock had expired; the transaction was rolled back
            } finally {
                release(productId, token);
            }
        }
    }

    /** Writes with the token of the lock {@link #around} holds. */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void take(String productId, int quantity) {
        if (!TOKEN.isBound()) {
            throw new IllegalStateException("the redis-lock strategy takes stock only inside around(), which holds the lock");
        }
        if (!write(productId, quantity, TOKEN.get())) {
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

    /** Reads the stock in a short transaction of its own (a connection only for the read). */
    private boolean enoughLeft(String productId, int quantity) {
        Object stock = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select stock from product where id = :id")
                .setParameter("id", productId).getResultStream().findFirst().orElse(null));
        return stock != null && ((Number) stock).intValue() >= quantity;
    }

    /** Draws a fencing token and waits for the lock, within the caller's deadline. {@return the token} */
    long acquire(String productId) {
        return acquire(productId, 0);
    }

    /**
     * As {@link #acquire(String)}, but gives up when fewer than {@code quantity} items are left (checked every few
     * polls): once a product sells out, its waiting buyers stop polling Redis instead of queueing only to hear
     * "out of stock".
     *
     * @throws OutOfStockException when fewer than {@code quantity} are left
     */
    private long acquire(String productId, int quantity) {
        long pause = 1;
        for (int attempt = 1; ; attempt++) {
            long token = redis.value(Long.class).incr("fence:" + productId);
            Response set = redis.execute("SET", "lock:" + productId, Long.toString(token), "NX", "PX", Long.toString(ttl.toMillis()));
            if (set != null) {
                return token;
            }
            SkeinContext.current().throwIfCancelled(); // the order's deadline bounds the wait
            if (quantity > 0 && attempt % 4 == 0 && !enoughLeft(productId, quantity)) {
                throw new OutOfStockException(productId, quantity);
            }
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
