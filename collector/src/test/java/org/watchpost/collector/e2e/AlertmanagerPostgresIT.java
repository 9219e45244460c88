package org.watchpost.collector.e2e;

import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.watchpost.agent.e2e.PostgresServer;
import org.watchpost.collector.fleettest.TestDatabase;
import org.watchpost.collector.store.DatabaseSettings;
import org.watchpost.collector.store.Dialect;

/** The Alertmanager scenarios on a real PostgreSQL (the agent's e2e fixture), a fresh database per test. */
class AlertmanagerPostgresIT extends AlertmanagerScenarios {
    private static PostgresServer pg;
    private static final AtomicInteger databases = new AtomicInteger();

    @BeforeAll
    static void startPostgres() {
        pg = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (pg != null) {
            pg.stop();
        }
    }

    static DataSource database(PostgresServer pg, String name) {
        pg.sql("CREATE DATABASE " + name);
        String url = "jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + name + "?user=" + PostgresServer.SUPERUSER;
        return TestDatabase.open(DatabaseSettings.postgresql(url, PostgresServer.SUPERUSER_PASSWORD, 1L << 30))
                .dataSource();
    }

    @Override
    DataSource freshDatabase() {
        return database(pg, "fleet_" + databases.incrementAndGet());
    }

    @Override
    Dialect dialect() {
        return Dialect.POSTGRESQL;
    }
}
