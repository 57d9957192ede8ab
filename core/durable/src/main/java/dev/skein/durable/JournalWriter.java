package dev.skein.durable;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;

/**
 * Writes the journal's records, batching those that come together: while one batch is written, the records
 * that arrive queue up, and the next batch takes them all, one JDBC batch (one round trip) per statement
 * shape and one commit (one wait for the write-ahead log) for the lot. A record that comes alone is written
 * alone, auto-committed: one round trip, as without batching. Each caller waits for its own record and gets
 * its own row count or failure: if a batch fails, its records are written again one by one, so one bad record
 * fails only its caller.
 */
final class JournalWriter implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.skein.durable");
    /** The most records in one batch. */
    static final int MAX_BATCH = 256;

    private record Write(String sql, Object[] parameters, CompletableFuture<Integer> rows) {
    }

    private final DataSource dataSource;
    private final LinkedBlockingQueue<Write> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    JournalWriter(DataSource dataSource, String owner) {
        this.dataSource = dataSource;
        this.thread = Thread.ofPlatform().daemon().name("skein-journal-writer " + owner).start(this::loop);
    }

    /**
     * Writes one record, waiting for it, uninterruptibly: an interrupt (the run's cancellation) is kept for
     * after, so that what the journal says matches what the caller then does. {@return the number of rows
     * it changed}
     */
    int update(String sql, Object... parameters) throws SQLException {
        if (closed) {
            throw new SQLException("the journal is closed (DurableGraphs.close was called)");
        }
        CompletableFuture<Integer> rows = new CompletableFuture<>();
        queue.add(new Write(sql, parameters, rows));
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return rows.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof SQLException sqlException) {
                        throw sqlException;
                    }
                    throw new SQLException("the journal could not write: " + Failures.describe(e.getCause()), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        List<Write> batch = new ArrayList<>();
        while (!closed || !queue.isEmpty()) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
                continue;
            }
            queue.drainTo(batch, MAX_BATCH - 1);
            try {
                write(batch);
            } catch (Throwable t) { // never leave a caller waiting
                batch.forEach(w -> w.rows().completeExceptionally(t));
            }
            batch.clear();
        }
        for (Write w; (w = queue.poll()) != null; ) {
            w.rows().completeExceptionally(new SQLException("the journal is closed (DurableGraphs.close was called)"));
        }
    }

    private void write(List<Write> batch) {
        if (batch.size() > 1) {
            try {
                writeTogether(batch);
                return;
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.DEBUG, "a batch of " + batch.size() + " journal records failed, "
                        + "writing them one by one: " + Failures.describe(e));
            }
        }
        for (Write write : batch) {
            if (write.rows().isDone()) { // committed already: the batch failed after its commit (restoring auto-commit)
                continue;
            }
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(write.sql())) {
                bind(s, write.parameters());
                write.rows().complete(s.executeUpdate());
            } catch (Throwable t) {
                write.rows().completeExceptionally(t);
            }
        }
    }

    /** One transaction: a JDBC batch per statement shape, one commit; completes the callers only once committed. */
    private void writeTogether(List<Write> batch) throws SQLException {
        Map<String, List<Write>> byShape = new LinkedHashMap<>();
        for (Write write : batch) {
            byShape.computeIfAbsent(write.sql(), k -> new ArrayList<>()).add(write);
        }
        Map<Write, Integer> counts = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (Map.Entry<String, List<Write>> shape : byShape.entrySet()) {
                    try (PreparedStatement s = c.prepareStatement(shape.getKey())) {
                        for (Write write : shape.getValue()) {
                            bind(s, write.parameters());
                            s.addBatch();
                        }
                        int[] rows = s.executeBatch();
                        for (int i = 0; i < rows.length; i++) {
                            counts.put(shape.getValue().get(i), rows[i]);
                        }
                    }
                }
                c.commit();
                counts.forEach((write, rows) -> write.rows().complete(rows));
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e instanceof BatchUpdateException || e instanceof SQLException ? (SQLException) e
                        : new SQLException(e);
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void bind(PreparedStatement s, Object[] parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
