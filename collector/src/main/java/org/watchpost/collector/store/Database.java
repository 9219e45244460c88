package org.watchpost.collector.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The collector's database: a HikariCP pool over SQLite (WAL) or PostgreSQL, migrated by Flyway from
 * {@code classpath:db/migration/common} and the dialect's own {@code db/migration/{sqlite|postgresql}}.
 *
 * <pre>{@code
 * try (Database db = Database.open(DatabaseSettings.sqlite(dir.resolve("collector.db"), 1L << 30), registry)) {
 *     db.migrate();   // false while the database cannot be reached; call again later
 * }
 * }</pre>
 *
 * <p>The pool never fails at start: a collector whose PostgreSQL is down still starts, answers 503 to reports and
 * not-ready on {@code /-/ready}, and recovers by itself when the database comes back.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** Migrations for both databases; dialect directories hold what only one of them runs. */
    public static final String COMMON_MIGRATIONS = "db/migration/common";

    private final DatabaseSettings settings;
    private final HikariDataSource pool;
    private volatile boolean migrated;

    private Database(DatabaseSettings settings, HikariDataSource pool) {
        this.settings = settings;
        this.pool = pool;
    }

    /** Creates the pool (connections are made lazily) and registers HikariCP's meters on {@code registry}. */
    public static Database open(DatabaseSettings settings, MeterRegistry registry) {
        HikariConfig c = new HikariConfig();
        c.setPoolName("collector-db");
        c.setJdbcUrl(settings.jdbcUrl());
        c.setMaximumPoolSize(settings.poolSize());
        c.setMinimumIdle(1);
        c.setConnectionTimeout(settings.connectTimeout().toMillis());
        c.setValidationTimeout(Math.max(250, settings.connectTimeout().toMillis() / 2));
        // Start without the database: readiness and 503s tell the operator, and the pool heals by itself.
        c.setInitializationFailTimeout(-1);
        c.setAutoCommit(true);
        if (settings.dialect() == Dialect.SQLITE) {
            Path file = settings.sqliteFile();
            try {
                if (file.getParent() != null) {
                    Files.createDirectories(file.getParent());
                }
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot create the directory of the database " + file + ": "
                        + e.getMessage(), e);
            }
            c.addDataSourceProperty("journal_mode", "WAL");
            // FULL: a commit is on disk before the acknowledgement goes out, even if the machine loses power.
            c.addDataSourceProperty("synchronous", "FULL");
            c.addDataSourceProperty("busy_timeout", Long.toString(settings.connectTimeout().toMillis()));
            c.addDataSourceProperty("page_size", Integer.toString(DatabaseSettings.SQLITE_PAGE_SIZE));
            // The byte cap enforced by SQLite itself: writes past it fail with SQLITE_FULL (503), never grow the file.
            c.addDataSourceProperty("max_page_count",
                    Long.toString(settings.maxBytes() / DatabaseSettings.SQLITE_PAGE_SIZE));
            // Writers take the lock when the transaction starts, so two ingests never deadlock on an upgrade.
            c.addDataSourceProperty("transaction_mode", "IMMEDIATE");
        } else {
            if (settings.password() != null) {
                c.setPassword(settings.password());
            }
            c.addDataSourceProperty("reWriteBatchedInserts", "true");
            c.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
            c.addDataSourceProperty("socketTimeout", "60");
        }
        if (registry != null) {
            c.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
        return new Database(settings, new HikariDataSource(c));
    }

    /**
     * Runs the migrations once; returns whether the schema is current. A database that cannot be reached is logged
     * and reported as false, so the caller retries.
     */
    public synchronized boolean migrate() {
        if (migrated) {
            return true;
        }
        List<String> locations = new ArrayList<>(List.of("classpath:" + COMMON_MIGRATIONS));
        String own = dialect().migrationLocation();
        if (Database.class.getClassLoader().getResource(own) != null) {
            locations.add("classpath:" + own);
        }
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(pool)
                    .locations(locations.toArray(String[]::new))
                    .load()
                    .migrate();
            migrated = true;
            return true;
        } catch (RuntimeException e) {
            log.warn("database migrations could not run yet ({}); retrying", rootMessage(e));
            return false;
        }
    }

    public boolean migrated() {
        return migrated;
    }

    /** Reachable and migrated: what {@code /-/ready} reports. */
    public boolean ready() {
        if (!migrated) {
            return false;
        }
        try (Connection c = pool.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Takes a connection out of the pool after an error left it in doubt (SQLite rolls back by itself on
     * SQLITE_FULL, and the driver does not notice); the pool opens a fresh one.
     */
    public void evict(Connection connection) {
        pool.evictConnection(connection);
    }

    public DataSource dataSource() {
        return pool;
    }

    public Dialect dialect() {
        return settings.dialect();
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /**
     * Bytes the database's live data takes: on SQLite the pages in use (free pages are reused before the file grows,
     * and the engine's cap counts pages); on PostgreSQL the size of its files ({@code pg_database_size}).
     */
    public long bytes() throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            if (dialect() == Dialect.SQLITE) {
                long pages = single(s, "PRAGMA page_count");
                long free = single(s, "PRAGMA freelist_count");
                long pageSize = single(s, "PRAGMA page_size");
                return (pages - free) * pageSize;
            }
            return single(s, "SELECT pg_database_size(current_database())");
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The collector's trouble as a client sees it: 503 and retry later. */
    public DatabaseUnavailableException unavailable(SQLException e) {
        DatabaseUnavailableException.Cause kind = classify(e);
        String what = switch (kind) {
            case FULL -> "the collector's database is full";
            case BUSY -> "the collector's database is busy";
            case UNREACHABLE -> "the collector's database is unavailable";
        };
        return new DatabaseUnavailableException(kind, what + ": " + rootMessage(e), e);
    }

    static DatabaseUnavailableException.Cause classify(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                SQLiteErrorCode code = s.getResultCode();
                if (code == SQLiteErrorCode.SQLITE_FULL || code.code == SQLiteErrorCode.SQLITE_FULL.code) {
                    return DatabaseUnavailableException.Cause.FULL;
                }
                if ((code.code & 0xff) == SQLiteErrorCode.SQLITE_FULL.code) {
                    return DatabaseUnavailableException.Cause.FULL;
                }
                if ((code.code & 0xff) == SQLiteErrorCode.SQLITE_BUSY.code
                        || (code.code & 0xff) == SQLiteErrorCode.SQLITE_LOCKED.code) {
                    return DatabaseUnavailableException.Cause.BUSY;
                }
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.equals("53100")) {
                    return DatabaseUnavailableException.Cause.FULL;
                }
                if (state.startsWith("53") || state.startsWith("40") || state.startsWith("57014")) {
                    return DatabaseUnavailableException.Cause.BUSY;
                }
            }
            if (t instanceof SQLTransientConnectionException && t.getCause() == null) {
                // HikariCP waited connectTimeout for a free connection and none came: every one is in use.
                return DatabaseUnavailableException.Cause.BUSY;
            }
        }
        return DatabaseUnavailableException.Cause.UNREACHABLE;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }

    @Override
    public void close() {
        pool.close();
    }
}
