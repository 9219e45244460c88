package org.watchpost.collector.ingest;

import org.watchpost.collector.config.CollectorConfig;

/** The ingest rules on SQLite, the default database. */
class SqliteIngestTest extends IngestContract {
    @Override
    protected CollectorConfig.ExternalDatabase database() {
        return null;
    }
}
