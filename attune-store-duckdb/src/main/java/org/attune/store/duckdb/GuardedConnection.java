package org.attune.store.duckdb;

import java.io.IOException;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.duckdb.DuckDBConnection;

/**
 * The one DuckDB connection of a storage, lent to one caller at a time. DuckDB admits a
 * single writer per database, and a connection must not be shared by threads, so every
 * store goes through here. Thread-safe.
 */
final class GuardedConnection implements AutoCloseable {
    /** Work done with the connection while the lock is held. */
    @FunctionalInterface
    interface Work<T> {
        T run(DuckDBConnection connection) throws SQLException, IOException;
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final DuckDBConnection connection;
    private boolean closed;

    GuardedConnection(DuckDBConnection connection) {
        this.connection = connection;
    }

    /** Runs {@code work} in auto-commit mode; {@code what} names it in error messages. */
    <T> T read(String what, Work<T> work) {
        lock.lock();
        try {
            ensureOpen();
            return work.run(connection);
        } catch (SQLException | IOException e) {
            throw new DuckDbStorageException(what + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it
     * throws (its runtime exceptions, such as a conflict, reach the caller unchanged).
     */
    <T> T transaction(String what, Work<T> work) {
        lock.lock();
        try {
            ensureOpen();
            if (!connection.getAutoCommit()) {
                throw new IllegalStateException("transactions do not nest: " + what);
            }
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | IOException | RuntimeException | Error e) {
                rollback(e);
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | IOException e) {
            throw new DuckDbStorageException(what + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    private void rollback(Throwable failure) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the DuckDB storage is closed");
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                connection.close();
            }
        } catch (SQLException e) {
            throw new DuckDbStorageException("closing the DuckDB connection failed", e);
        } finally {
            lock.unlock();
        }
    }
}
