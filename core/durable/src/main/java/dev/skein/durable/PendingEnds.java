package dev.skein.durable;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The ends of runs and of compensations the journal could not record when they happened (the database was away):
 * written again at each heartbeat, in order, so that a run that ended is not taken for an orphan and compensated
 * once this instance stops, and a compensation that ran is not run again by a recovery.
 */
final class PendingEnds {

    private static final System.Logger LOG = System.getLogger("dev.skein.durable");

    private record Write(String sql, Object[] parameters) {
    }

    private final Queue<Write> writes = new ConcurrentLinkedQueue<>();

    void add(String sql, Object[] parameters) {
        writes.add(new Write(sql, parameters));
    }

    /**
     * Writes what it can, in order; stops at the first failure and keeps the rest. A write that finds its run no longer
     * this instance's changes nothing, and is done. {@return whether nothing is left}
     */
    synchronized boolean flush(Sql sql) {
        for (Write write = writes.peek(); write != null; write = writes.peek()) {
            try {
                sql.update(write.sql(), write.parameters());
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, writes.size() + " ends of runs or compensations are still not recorded: " + Failures.describe(e));
                return false;
            }
            writes.remove(write);
        }
        return true;
    }

    boolean isEmpty() {
        return writes.isEmpty();
    }

    int size() {
        return writes.size();
    }
}
