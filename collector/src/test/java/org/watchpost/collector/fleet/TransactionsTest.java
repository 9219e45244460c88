package org.watchpost.collector.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

class TransactionsTest {
    @TempDir
    Path tmp;

    /**
     * With SQLite, a BEGIN that met SQLITE_BUSY left the pooled connection believing a transaction was open; handed out
     * again, it failed every later transaction ("cannot commit - no transaction is active"), so the outbox stalled.
     * A connection whose transaction failed must not go back to the pool.
     */
    @Test
    void aConnectionWhoseTransactionFailedIsNotHandedOutAgain() throws Exception {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + tmp.resolve("t.db"));
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            AtomicReference<SQLiteConnection> failed = new AtomicReference<>();
            assertThatThrownBy(() -> Transactions.inTransaction(pool, tx -> {
                failed.set(tx.unwrap(SQLiteConnection.class));
                throw new SQLException("[SQLITE_BUSY] The database file is locked (database is locked)");
            })).hasMessageContaining("SQLITE_BUSY");

            SQLiteConnection next = Transactions.inTransaction(pool, tx -> {
                tx.createStatement().execute("CREATE TABLE IF NOT EXISTS t (x INTEGER)");
                return tx.unwrap(SQLiteConnection.class);
            });

            assertThat(next).isNotSameAs(failed.get());
            assertThat(failed.get().isClosed()).isTrue();
            try (Connection c = pool.getConnection()) {
                assertThat(c.getAutoCommit()).isTrue();
            }
        }
    }
}
