package org.watchpost.deploy;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.e2e.PostgresServer;

/**
 * The ingest path of {@link AgentToCollectorSqliteIT} with the collector on a real PostgreSQL (Debian package
 * postgresql, started by the test on a free loopback port): a database and login of its own, the password in a
 * {@code database_password_file}, as in production. Every record arrives once; a collector killed with {@code kill -9}
 * mid-ingest stores no partial report and loses nothing it acknowledged.
 */
class AgentToCollectorPostgresIT {
    private static final String ROLE = "collector";
    private static final String PASSWORD = "collector-secret";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
        postgres.sql("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.stop();
        }
    }

    @Test
    void everyJournalledRecordArrivesExactlyOnce(@TempDir Path dir) {
        PipeScenarios.exactlyOnce(dir, "pg-agent", database(dir));
    }

    @Test
    void aCollectorKilledMidIngestStoresNoPartialReportAndLosesNothingAcknowledged(@TempDir Path dir) {
        PipeScenarios.killedMidIngest(dir, "pg-agent", database(dir));
    }

    /** A fresh database owned by the collector's role, and the collector's config lines that point at it. */
    private static PipeScenarios.Db database(Path dir) {
        String name = "pipe_" + DATABASES.incrementAndGet();
        postgres.sql("CREATE DATABASE " + name + " OWNER " + ROLE);
        Path passwordFile = Pipe.write(dir.resolve("db-password"), PASSWORD + "\n");
        String url = "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + name;
        return new PipeScenarios.Db("""
                  database_url: %s?user=%s
                  database_password_file: %s
                """.formatted(url, ROLE, passwordFile), url, ROLE, PASSWORD);
    }
}
