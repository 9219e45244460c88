package org.watchpost.collector.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.watchpost.collector.config.CollectorConfig;
import org.watchpost.collector.ingest.IngestContract;

/** Every ingest rule of {@link IngestContract} again, on a real PostgreSQL. */
class PostgresIngestIT extends IngestContract {
    private static PostgresDatabases databases;

    @BeforeAll
    static void startPostgres() {
        databases = new PostgresDatabases();
    }

    @AfterAll
    static void stopPostgres() {
        if (databases != null) {
            databases.close();
        }
    }

    @Override
    protected CollectorConfig.ExternalDatabase database() {
        return databases.external(databases.create(), tmp());
    }
}
