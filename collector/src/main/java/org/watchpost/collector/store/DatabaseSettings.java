package org.watchpost.collector.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach the collector's database.
 *
 * <pre>{@code
 * DatabaseSettings s = DatabaseSettings.sqlite(dataDir.resolve("collector.db"), 1L << 30);
 * }</pre>
 *
 * @param jdbcUrl        {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://…} (credentials may be in it)
 * @param password       the PostgreSQL password when it is not in the URL (from {@code database_password_file}), or null
 * @param maxBytes       the byte cap; on SQLite it is also enforced by the engine ({@code max_page_count}), so a
 *                       database that reaches it refuses writes instead of growing
 * @param poolSize       connections in the pool
 * @param connectTimeout how long a request waits for a connection before the collector answers 503
 */
public record DatabaseSettings(String jdbcUrl, String password, long maxBytes, int poolSize, Duration connectTimeout) {
    /** SQLite's page size as the collector creates its file. */
    public static final int SQLITE_PAGE_SIZE = 4096;

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Dialect.of(jdbcUrl);
        if (maxBytes < 16L * SQLITE_PAGE_SIZE) {
            throw new IllegalArgumentException("maxBytes must be at least " + 16 * SQLITE_PAGE_SIZE + ", was " + maxBytes);
        }
        if (poolSize < 1) {
            throw new IllegalArgumentException("poolSize must be at least 1, was " + poolSize);
        }
        // HikariCP refuses less than 250 ms.
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connectTimeout must be at least 250ms, was " + connectTimeout);
        }
    }

    public static DatabaseSettings sqlite(Path file, long maxBytes) {
        return new DatabaseSettings("jdbc:sqlite:" + file.toAbsolutePath(), null, maxBytes, 4, Duration.ofSeconds(2));
    }

    public static DatabaseSettings postgresql(String jdbcUrl, String password, long maxBytes) {
        return new DatabaseSettings(jdbcUrl, password, maxBytes, 8, Duration.ofSeconds(2));
    }

    public Dialect dialect() {
        return Dialect.of(jdbcUrl);
    }

    /** The SQLite file, for the keep-free floor of its filesystem; null on PostgreSQL. */
    public Path sqliteFile() {
        return dialect() == Dialect.SQLITE ? Path.of(jdbcUrl.substring("jdbc:sqlite:".length())) : null;
    }

    @Override
    public String toString() {
        // Never the password, nor one embedded in the URL.
        return "DatabaseSettings[" + jdbcUrl.replaceAll("password=[^&]*", "password=***") + "]";
    }
}
