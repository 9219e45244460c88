package org.watchpost.collector.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.watchpost.agent.e2e.PostgresServer;
import org.watchpost.collector.config.CollectorConfig;

/**
 * One real PostgreSQL server (the agent's e2e fixture) for a test class, and a fresh database with its own login for
 * each test, reached over TCP with the password in a {@code database_password_file}, as in production.
 */
final class PostgresDatabases implements AutoCloseable {
    static final String ROLE = "collector";
    static final String PASSWORD = "collector-secret";

    private final PostgresServer server;
    private final AtomicInteger next = new AtomicInteger();

    PostgresDatabases() {
        server = PostgresServer.start(50, 3);
        server.sql("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + PASSWORD + "'");
    }

    PostgresServer server() {
        return server;
    }

    /** A new empty database owned by the collector's role. */
    String create() {
        String name = "collector_" + next.incrementAndGet();
        server.sql("CREATE DATABASE " + name + " OWNER " + ROLE);
        return name;
    }

    CollectorConfig.ExternalDatabase external(String database, Path dir) {
        Path passwordFile = dir.resolve("db-password");
        try {
            Files.writeString(passwordFile, PASSWORD + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CollectorConfig.ExternalDatabase("jdbc:postgresql://" + server.host() + ":" + server.port() + "/"
                + database + "?user=" + ROLE, passwordFile);
    }

    /** Refuses new connections to {@code database} and ends the open ones: the database is down for the collector. */
    void takeDown(String database) {
        server.sql("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false;"
                + " SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
    }

    void bringBack(String database) {
        server.sql("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
    }

    @Override
    public void close() {
        server.stop();
    }
}
