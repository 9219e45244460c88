package org.watchpost.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.collector.config.CollectorConfig;
import org.watchpost.collector.fleet.StoreResultSource;
import org.watchpost.collector.ingest.AgentTokens;
import org.watchpost.collector.ingest.IngestListener;
import org.watchpost.collector.ingest.ReportIngestor;
import org.watchpost.collector.metrics.CollectorMetrics;
import org.watchpost.collector.store.AgentStatus;
import org.watchpost.collector.store.Database;
import org.watchpost.collector.store.DatabaseSettings;
import org.watchpost.collector.store.Prunable;
import org.watchpost.collector.store.ResultStore;
import org.watchpost.collector.store.Retention;
import org.watchpost.collector.store.SqlStore;
import org.watchpost.collector.status.FleetModule;
import org.watchpost.collector.web.CollectorServer;
import org.watchpost.collector.web.ReadHandlers;
import org.watchpost.collector.web.ReportsHandler;
import org.watchpost.collector.web.Routes;
import org.watchpost.collector.web.ServerSettings;
import org.watchpost.config.HostPort;
import org.watchpost.protocol.WireJson;

/**
 * The collector, built from its config: database, store, fleet, retention, ingest, HTTP and metrics, in that order.
 *
 * <pre>{@code
 * try (Collector c = Collector.start(CollectorConfigLoader.load(file), Clock.systemUTC())) {
 *     System.out.println("listening on " + c.hostPort());
 * }
 * }</pre>
 *
 * <p>It starts even when its database cannot be reached: migrations are retried every {@link #MIGRATION_RETRY}, reports
 * get 503 and {@code /-/ready} says not ready until they ran.
 */
public final class Collector implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Collector.class);
    static final Duration MIGRATION_RETRY = Duration.ofSeconds(2);
    /** Request threads; SQLite has one writer and PostgreSQL a pool of 8, so more would only wait. */
    static final int HTTP_THREADS = 16;

    private final CollectorConfig config;
    private final PrometheusMeterRegistry registry;
    private final CollectorMetrics metrics;
    private final Database database;
    private final SqlStore store;
    private final Retention retention;
    private final ReportIngestor ingestor;
    private final Routes routes;
    private final CollectorServer server;
    private final ScheduledExecutorService migrator;
    private final FleetModule fleet;

    private Collector(CollectorConfig config, Clock clock) {
        this.config = config;
        ObjectMapper json = WireJson.newMapper();
        registry = CollectorMetrics.newRegistry();
        metrics = new CollectorMetrics(registry, config.agentIds());
        database = Database.open(databaseSettings(config), registry);
        store = new SqlStore(database, metrics);
        // The fleet: consensus, incidents, notifications and the status page, over what ingest stored.
        fleet = new FleetModule(config.fleet(), database.dataSource(), database.dialect(), new StoreResultSource(store),
                "http://" + config.listen(), registry, clock);
        List<Prunable> prunables = new ArrayList<>(fleet.prunables());
        retention = new Retention(store, config.retention(), prunables, metrics, clock);
        metrics.bindDatabase(retention::lastBytes, retention::capacityBytes);
        ingestor = new ReportIngestor(new AgentTokens(config.agents()), store, config.limits(), metrics, clock,
                System::nanoTime, retention::acceptingWrites, retention::requestSoon);

        routes = new Routes(json);
        routes.post("/api/v1/reports", new ReportsHandler(ingestor, json));
        routes.get("/api/v1/agents", ReadHandlers.agents(store, config.agentIds(), json));
        routes.get("/api/v1/targets", ReadHandlers.targets(store, json));
        routes.get("/-/healthy", ReadHandlers.healthy());
        routes.get("/-/ready", ReadHandlers.ready(database::migrated, database::ready));
        routes.get("/metrics", ReadHandlers.metrics(registry::scrape));
        fleet.routes(routes::get);
        ingestor.addListener(fleet::stored);

        server = new CollectorServer(new ServerSettings(config.listen(), config.limits().requestTimeout(),
                HTTP_THREADS), routes, registry);
        migrator = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "collector-migrate");
            t.setDaemon(true);
            return t;
        });
    }

    /** Builds and starts a collector: it listens when this returns. */
    public static Collector start(CollectorConfig config, Clock clock) {
        Collector c = new Collector(config, clock);
        try {
            c.begin();
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private void begin() {
        if (!migrateAndRestore()) {
            migrator.scheduleWithFixedDelay(() -> {
                if (migrateAndRestore()) {
                    throw new java.util.concurrent.CancellationException("migrated; no more retries");
                }
            }, MIGRATION_RETRY.toMillis(), MIGRATION_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
        retention.start();
        server.start();
        log.info("collector listening on {} with {} agents, database {}", server.hostPort(), config.agents().size(),
                database.settings());
    }

    private boolean migrateAndRestore() {
        if (!database.migrate()) {
            return false;
        }
        try {
            fleet.start();
        } catch (SQLException | RuntimeException e) {
            log.warn("the fleet could not load its incidents yet: {}; retrying", e.getMessage());
            return false;
        }
        try {
            for (AgentStatus s : store.agents()) {
                metrics.restore(s);
            }
            retention.requestSoon();
        } catch (RuntimeException e) {
            log.warn("could not read the agents' state for the metrics: {}", e.getMessage());
        }
        return true;
    }

    static DatabaseSettings databaseSettings(CollectorConfig config) {
        long cap = config.retention().maxDbBytes();
        if (config.database() == null) {
            return DatabaseSettings.sqlite(config.dataDir().resolve("collector.db"), cap);
        }
        String password = null;
        Path file = config.database().passwordFile();
        if (file != null) {
            try {
                password = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException("cannot read collector.database_password_file " + file + ": "
                        + e.getMessage(), e);
            }
        }
        return DatabaseSettings.postgresql(config.database().url(), password, cap);
    }

    public HostPort hostPort() {
        return server.hostPort();
    }

    public ResultStore results() {
        return store;
    }

    public Database database() {
        return database;
    }

    public Retention retention() {
        return retention;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Adds a listener told about every committed report; before or after start. */
    public void addIngestListener(IngestListener listener) {
        ingestor.addListener(listener);
    }

    /** Stops taking requests, lets running ones finish (5 s at most), then closes retention and the database. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (RuntimeException e) {
            log.warn("{}", e.getMessage());
        } finally {
            migrator.shutdownNow();
            fleet.close();
            retention.close();
            database.close();
            registry.close();
        }
    }
}
