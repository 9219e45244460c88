package org.watchpost.collector.status;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import javax.sql.DataSource;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.collector.alert.Notifications;
import org.watchpost.collector.fleet.Fleet;
import org.watchpost.collector.fleet.FleetSnapshot;
import org.watchpost.collector.fleet.Incident;
import org.watchpost.collector.fleet.IncidentStore;
import org.watchpost.collector.fleet.ResultSource;
import org.watchpost.collector.store.Dialect;
import org.watchpost.collector.store.Prunable;
import org.watchpost.protocol.ReportRecord;

/**
 * The fleet, its incidents, notifications and status page, assembled from the four config sections: what the
 * collector's wiring plugs in.
 *
 * <pre>{@code
 * FleetModule fleet = new FleetModule(fleetConfig, db.dataSource(), dialect, resultSource, listenUrl, registry, clock);
 * fleet.routes(routes::get);                // GET /, /api/v1/status, /api/v1/incidents, /api/v1/incidents/{id}
 * ingestor.addListener(fleet::stored);      // each committed batch
 * fleet.start();  … fleet.close();
 * }</pre>
 */
public final class FleetModule implements StatusData, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FleetModule.class);

    private final FleetConfig config;
    private final Notifications notifications;
    private final IncidentStore incidents;
    private final Fleet fleet;
    private final StatusHandlers handlers;
    private final AtomicBoolean evaluationPending = new AtomicBoolean();
    private ScheduledExecutorService evaluator;

    /**
     * @param dialect   the database's dialect: on PostgreSQL the outbox claims with {@code FOR UPDATE SKIP LOCKED}
     * @param listenUrl the collector's own base URL, the status page's address when {@code status_page.public_url}
     *                  is not set
     */
    public FleetModule(FleetConfig config, DataSource dataSource, Dialect dialect, ResultSource source,
                       String listenUrl, MeterRegistry registry, Clock clock) {
        this.config = config;
        String publicUrl = config.statusPage().publicUrlOr(listenUrl);
        this.notifications = new Notifications(config.alerting(), dataSource, dialect, publicUrl, registry, clock,
                i -> config.maintenance().active(i.target(), i.site(), clock.instant()).isPresent());
        this.incidents = notifications.bind(dataSource);
        this.fleet = new Fleet(config.consensus(), config.maintenance(), source, incidents, registry, clock);
        this.handlers = new StatusHandlers(this, config.statusPage(), notifications.payloads(), clock);
    }

    /** Mounts the status page and its JSON twins. */
    public void routes(BiConsumer<String, Handler> get) {
        // A regex: Jetty reads a plain "/" as the catch-all default, which would answer every unknown GET.
        get.accept("^/$", handlers.page());
        get.accept("/api/v1/status", handlers.statusJson());
        get.accept("/api/v1/incidents", handlers.incidentsJson());
        get.accept("/api/v1/incidents/*", handlers.incidentJson());
    }

    /** The collector's ingest listener: takes the batch into memory and asks for an evaluation. Never throws. */
    public void stored(String agent, List<ReportRecord> records) {
        fleet.accept(agent, records);
        requestEvaluation();
    }

    private void requestEvaluation() {
        ScheduledExecutorService e = evaluator;
        if (e != null && evaluationPending.compareAndSet(false, true)) {
            try {
                e.execute(() -> {
                    evaluationPending.set(false);
                    evaluate(false);
                });
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                evaluationPending.set(false);
            }
        }
    }

    private void evaluate(boolean reload) {
        try {
            fleet.evaluate(reload);
        } catch (RuntimeException e) {
            log.error("the fleet evaluation failed; the next one runs in {}", config.consensus().evaluateEvery(), e);
        }
    }

    /** Loads open incidents and the latest state, then evaluates periodically and sends notifications. */
    public synchronized void start() throws SQLException {
        if (evaluator != null) {
            return;
        }
        load();
        evaluator = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchpost-fleet");
            t.setDaemon(true);
            return t;
        });
        long every = config.consensus().evaluateEvery().toMillis();
        evaluator.scheduleWithFixedDelay(() -> evaluate(true), 0, every, TimeUnit.MILLISECONDS);
        notifications.start();
    }

    /** Reads open incidents and the store's latest state without starting threads ({@link #start} does it too). */
    public void load() throws SQLException {
        fleet.load();
    }

    public Fleet fleet() {
        return fleet;
    }

    public IncidentStore incidents() {
        return incidents;
    }

    /** The fleet's tables for the collector's retention: resolved incidents and finished notifications. */
    public List<Prunable> prunables() {
        return List.of(incidents, notifications.outbox());
    }

    public Notifications notifications() {
        return notifications;
    }

    public StatusHandlers handlers() {
        return handlers;
    }

    @Override
    public FleetSnapshot snapshot() {
        return fleet.snapshot();
    }

    @Override
    public List<Incident> openIncidents() throws SQLException {
        return incidents.withTimelines(incidents.openIncidents());
    }

    @Override
    public List<Incident> recentIncidents(int limit) throws SQLException {
        return incidents.withTimelines(incidents.recentlyResolved(limit));
    }

    @Override
    public Optional<Incident> incident(long id) throws SQLException {
        return incidents.find(id);
    }

    /** Stops evaluating, then lets a notification in flight finish; what is still due stays in the outbox. */
    @Override
    public synchronized void close() {
        if (evaluator != null) {
            evaluator.shutdown();
            try {
                if (!evaluator.awaitTermination(10, TimeUnit.SECONDS)) {
                    evaluator.shutdownNow();
                }
            } catch (InterruptedException e) {
                evaluator.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        notifications.close();
    }
}
