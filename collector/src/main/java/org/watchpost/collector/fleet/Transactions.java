package org.watchpost.collector.fleet;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one JDBC transaction: commit on return, roll back on any exception. A connection whose transaction
 * failed is evicted from the pool, not returned to it: with SQLite a BEGIN that met SQLITE_BUSY leaves the driver
 * believing a transaction is open, and every later use of that pooled connection failed with "cannot commit - no
 * transaction is active".
 */
public final class Transactions {
    /** Work inside a transaction. */
    public interface Work<T> {
        T run(Connection tx) throws SQLException;
    }

    private Transactions() {
    }

    /** Takes a connection out of its pool, so that the pool opens a fresh one instead of handing it out again. */
    private static void evict(DataSource dataSource, Connection c, Exception cause) {
        try {
            if (dataSource instanceof com.zaxxer.hikari.HikariDataSource pool) {
                pool.evictConnection(c);
            } else {
                c.abort(Runnable::run);
            }
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            boolean evicted = false;
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                evict(dataSource, c, e);
                evicted = true;
                throw e;
            } finally {
                // An evicted connection is closed underneath its pool proxy (Hikari may do it on another thread, so
                // isClosed() can still say false): restoring auto-commit on it would replace the cause with
                // "database connection closed".
                if (!evicted && !c.isClosed()) {
                    c.setAutoCommit(auto);
                }
            }
        }
    }
}
