package org.watchpost.collector.fleettest;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.watchpost.collector.fleet.SqlDialect;

/** A migrated database for the fleet's tests: a SQLite file in a temp dir, or a PostgreSQL JDBC URL. */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static DataSource sqlite(Path dir) {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setBusyTimeout(10_000);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + dir.resolve("collector.db"));
        migrate(ds, SqlDialect.SQLITE);
        return ds;
    }

    public static void migrate(DataSource ds, SqlDialect dialect) {
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/common",
                        "classpath:db/migration/" + (dialect == SqlDialect.SQLITE ? "sqlite" : "postgresql"))
                .failOnMissingLocations(false)
                .load()
                .migrate();
    }
}
