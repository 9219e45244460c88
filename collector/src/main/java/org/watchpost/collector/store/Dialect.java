package org.watchpost.collector.store;

import java.util.Locale;

/** The databases the collector runs on; each has its own migrations directory and a few SQL differences. */
public enum Dialect {
    /** The default: one file under {@code data_dir}, WAL journal, one writer at a time. */
    SQLITE,
    /** For production and for several collectors over one database. */
    POSTGRESQL;

    /** The Flyway location of migrations only this dialect runs, next to {@code db/migration/common}. */
    public String migrationLocation() {
        return "db/migration/" + name().toLowerCase(Locale.ROOT);
    }

    /** The dialect of a JDBC URL. */
    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("database_url must start with jdbc:postgresql:// (or jdbc:sqlite: for a"
                + " file), got '" + jdbcUrl + "'");
    }
}
