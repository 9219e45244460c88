package org.watchpost.collector.alert;

import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.collector.fleet.Incident;
import org.watchpost.collector.fleet.IncidentStore;

/**
 * Sends what the outbox holds: claims due rows, renders each from its incident, posts it, and records the outcome.
 * One thread; {@link #runOnce} is also what tests call with a fake clock.
 *
 * <p>A 2xx is delivered. A 4xx other than 408 and 429 means the receiver will never take this body: rejected, counted
 * and logged, not retried forever. Anything else (connection refused, timeout, 5xx) is retried with backoff up to
 * {@code alerting.max_backoff}, for as long as it takes: an Alertmanager that is down for an hour gets the alert
 * when it is back.
 */
public final class Dispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final MediaType JSON = MediaType.get("application/json");
    /** Rows per claim; a claimed row is sent before the next claim. */
    static final int BATCH = 50;
    private static final Duration POLL = Duration.ofSeconds(1);

    private final AlertingSettings settings;
    private final Outbox outbox;
    private final IncidentStore incidents;
    private final Payloads payloads;
    private final NotificationMetrics metrics;
    private final Clock clock;
    private final Predicate<Incident> inMaintenance;
    private final OkHttpClient http;
    private final Map<String, Webhook> webhooks = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private ScheduledExecutorService scheduler;

    Dispatcher(AlertingSettings settings, Outbox outbox, IncidentStore incidents, Payloads payloads,
               NotificationMetrics metrics, Clock clock, Predicate<Incident> inMaintenance, OkHttpClient http) {
        this.settings = settings;
        this.outbox = outbox;
        this.incidents = incidents;
        this.payloads = payloads;
        this.metrics = metrics;
        this.clock = clock;
        this.inMaintenance = inMaintenance;
        this.http = http.newBuilder()
                .callTimeout(settings.timeout())
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .followRedirects(false)
                .retryOnConnectionFailure(false)
                .build();
        for (Webhook w : settings.webhooks()) {
            webhooks.put(w.url().toString(), w);
        }
    }

    /** Polls the outbox every second on a thread of its own until {@link #close}. */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "watchpost-notifications");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::runQuietly, 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Asks for a run soon (a notification was just queued). */
    public synchronized void wake() {
        if (scheduler != null && !scheduler.isShutdown()) {
            scheduler.execute(this::runQuietly);
        }
    }

    private void runQuietly() {
        try {
            while (runOnce() == BATCH) {
                // A full batch: there may be more due right now.
            }
        } catch (SQLException | RuntimeException e) {
            log.error("could not work through the notification outbox; trying again in {}", POLL, e);
        }
    }

    /** Claims and sends the due rows once; returns how many were claimed. */
    public int runOnce() throws SQLException {
        if (!running.compareAndSet(false, true)) {
            return 0;
        }
        try {
            List<OutboxRow> rows = outbox.claim(clock.instant(), BATCH);
            Map<Long, Optional<Incident>> cache = new HashMap<>();
            for (OutboxRow row : rows) {
                Optional<Incident> incident = cache.get(row.incidentId());
                if (incident == null) {
                    incident = incidents.find(row.incidentId());
                    cache.put(row.incidentId(), incident);
                }
                send(row, incident);
            }
            metrics.waiting(outbox.waiting());
            return rows.size();
        } finally {
            running.set(false);
        }
    }

    private void send(OutboxRow row, Optional<Incident> found) throws SQLException {
        Instant now = clock.instant();
        if (found.isEmpty()) {
            outbox.reject(row, now, "the incident no longer exists");
            return;
        }
        Incident incident = found.get();
        boolean alertmanager = row.channel().equals(OutboxRow.ALERTMANAGER);
        boolean firing = alertmanager && row.event().equals(OutboxRow.FIRING);
        byte[] body;
        Request.Builder request;
        if (alertmanager) {
            if (settings.alertmanagers().stream().noneMatch(u -> u.toString().equals(row.endpoint()))) {
                outbox.reject(row, now, "the Alertmanager " + row.endpoint() + " is no longer in alerting.alertmanager.urls");
                return;
            }
            if (firing && !incident.open()) {
                outbox.done(row, now);
                return;
            }
            if (firing && inMaintenance.test(incident)) {
                // Held back, not lost: Alertmanager lets the alert expire at its endsAt, and the next post after
                // the window brings it back if the target still fails.
                metrics.count(row.channel(), "skipped");
                outbox.again(row, now.plus(settings.resendInterval()), 0);
                return;
            }
            Instant endsAt = firing
                    ? now.plus(settings.resendInterval().multipliedBy(AlertingSettings.ENDS_AT_INTERVALS))
                    : row.createdAt();
            body = payloads.alertmanager(incident, row.alertname(), row.alertClass(), endsAt);
            request = new Request.Builder().url(alertsUrl(row.endpoint()));
        } else {
            Webhook hook = webhooks.get(row.endpoint());
            if (hook == null) {
                outbox.reject(row, now, "the webhook " + row.endpoint() + " is no longer in alerting.webhooks");
                return;
            }
            body = payloads.webhook(row.event(), incident, row.id(), now);
            request = new Request.Builder().url(hook.url().toString())
                    .header("X-Watchpost-Event", row.event())
                    .header("X-Watchpost-Delivery", Long.toString(row.id()));
            if (hook.secret() != null) {
                request.header(Signatures.HEADER, Signatures.sign(hook.secret(), body));
            }
        }
        request.header("User-Agent", "watchpost-collector").post(RequestBody.create(body, JSON));
        String failure;
        int status = -1;
        try (Response response = http.newCall(request.build()).execute()) {
            status = response.code();
            failure = response.isSuccessful() ? null : "HTTP " + status;
        } catch (IOException e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        now = clock.instant();
        if (failure == null) {
            metrics.count(row.channel(), "sent");
            if (firing) {
                outbox.again(row, now.plus(settings.resendInterval()), 0);
            } else if (alertmanager && row.repeatsLeft() > 0) {
                outbox.again(row, now.plus(settings.resendInterval()), row.repeatsLeft() - 1);
            } else {
                outbox.done(row, now);
            }
            return;
        }
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            metrics.count(row.channel(), "rejected");
            log.error("{} {} refused the {} notification of incident {} ({}) with {}; not retrying", row.channel(),
                    row.endpoint(), row.event(), incident.id(), incident.target(), failure);
            outbox.reject(row, now, failure);
            return;
        }
        metrics.count(row.channel(), "error");
        Duration wait = settings.backoff(row.attempts() + 1);
        log.warn("could not deliver the {} notification of incident {} ({}) to {} {}: {}; retrying in {}",
                row.event(), incident.id(), incident.target(), row.channel(), row.endpoint(), failure, wait);
        outbox.retry(row, now.plus(wait), failure);
    }

    static String alertsUrl(String base) {
        URI uri = URI.create(base);
        String path = uri.getPath() == null ? "" : uri.getPath();
        return uri.resolve((path.endsWith("/") ? path : path + "/") + "api/v2/alerts").toString();
    }

    /** Stops polling and waits for a send in progress. */
    @Override
    public synchronized void close() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(settings.timeout().toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
