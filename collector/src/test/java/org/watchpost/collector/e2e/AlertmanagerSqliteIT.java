package org.watchpost.collector.e2e;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.fleettest.TestDatabase;
import org.watchpost.collector.store.Dialect;

/** The Alertmanager scenarios on the collector's default database, SQLite in a temp dir. */
class AlertmanagerSqliteIT extends AlertmanagerScenarios {
    @TempDir
    Path dir;

    @Override
    DataSource freshDatabase() {
        return TestDatabase.sqlite(dir);
    }

    @Override
    Dialect dialect() {
        return Dialect.SQLITE;
    }
}
