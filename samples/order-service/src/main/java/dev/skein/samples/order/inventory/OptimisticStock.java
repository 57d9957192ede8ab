package dev.skein.samples.order.inventory;

import dev.skein.policy.Policies;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Reads the stock and its version, then updates only if neither changed meanwhile
 * ({@code ... where version = :v and stock >= :q}). A lost race is a {@link StockConflict}, tried again by
 * the named Skein policy {@code stock-retry} (retry with exponential backoff, configured under
 * {@code quarkus.skein.policy.stock-retry}). No lock is held while reading; under heavy contention
 * buyers retry instead of queueing.
 */
@ApplicationScoped
@Identifier("optimistic")
class OptimisticStock implements StockStrategy {

    @Inject
    EntityManager em;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void take(String productId, int quantity) {
        boolean taken;
        try {
            // Only a conflict is thrown inside the policy: its retry is for conflicts, and an empty shelf
            // is an answer (false), not a failure to retry.
            taken = Policies.get("stock-retry").call(() -> attempt(productId, quantity));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (!taken) {
            throw new OutOfStockException(productId, quantity);
        }
    }

    /** {@return false when there is not enough stock} @throws StockConflict when another buyer won the race */
    private boolean attempt(String productId, int quantity) {
        StockAndVersion seen = em.createQuery("select p.stock, p.version from Product p where p.id = :id", StockAndVersion.class)
                .setParameter("id", productId).getResultStream().findFirst().orElse(null);
        if (seen == null || seen.stock() < quantity) {
            return false;
        }
        int updated = em.createQuery("update Product p set p.stock = p.stock - :q, p.version = p.version + 1"
                        + " where p.id = :id and p.version = :v and p.stock >= :q")
                .setParameter("q", quantity).setParameter("id", productId).setParameter("v", seen.version())
                .executeUpdate();
        if (updated == 0) {
            throw new StockConflict("product " + productId + " changed since version " + seen.version());
        }
        return true;
    }

    /** A projection: the stock and the version it was read at. */
    record StockAndVersion(int stock, long version) {
    }
}
