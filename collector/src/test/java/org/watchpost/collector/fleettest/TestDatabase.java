package org.watchpost.collector.fleettest;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.watchpost.collector.store.Database;
import org.watchpost.collector.store.DatabaseSettings;

/**
 * The collector's own {@link Database} for the fleet's tests, migrated with every migration (ingest's and the
 * fleet's), on SQLite in a temp dir or on a PostgreSQL URL. Closed by the JVM's end; each test uses a fresh dir.
 */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static DataSource sqlite(Path dir) {
        return open(DatabaseSettings.sqlite(dir.resolve("collector.db"), 1L << 30)).dataSource();
    }

    public static Database open(DatabaseSettings settings) {
        Database db = Database.open(settings, null);
        if (!db.migrate()) {
            db.close();
            throw new IllegalStateException("the migrations did not run on " + settings);
        }
        return db;
    }
}
