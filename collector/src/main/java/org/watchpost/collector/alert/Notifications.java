package org.watchpost.collector.alert;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.util.function.Predicate;
import javax.sql.DataSource;
import okhttp3.OkHttpClient;
import org.watchpost.collector.fleet.Incident;
import org.watchpost.collector.fleet.IncidentListener;
import org.watchpost.collector.fleet.IncidentStore;
import org.watchpost.collector.store.Dialect;

/**
 * The notification side assembled: the outbox, the listener that fills it and the dispatcher that empties it.
 *
 * <pre>{@code
 * Notifications n = new Notifications(settings, dataSource, dialect, publicUrl, registry, clock, inMaintenance);
 * IncidentStore incidents = n.bind(dataSource);   // incident changes queue notifications in their transaction
 * n.start();                                     // … n.close() on shutdown
 * }</pre>
 */
public final class Notifications implements AutoCloseable {
    private final AlertingSettings settings;
    private final Outbox outbox;
    private final NotificationMetrics metrics;
    private final Payloads payloads;
    private final Clock clock;
    private final Predicate<Incident> inMaintenance;
    private final OkHttpClient http;
    private Dispatcher dispatcher;
    private Notifier notifier;

    public Notifications(AlertingSettings settings, DataSource dataSource, Dialect dialect, String publicUrl,
                         MeterRegistry registry, Clock clock, Predicate<Incident> inMaintenance) {
        this.settings = settings;
        this.outbox = new Outbox(dataSource, dialect, settings.outboxCapacity());
        this.metrics = new NotificationMetrics(registry);
        this.payloads = new Payloads(publicUrl);
        this.clock = clock;
        this.inMaintenance = inMaintenance;
        this.http = new OkHttpClient();
    }

    /** The incident store whose changes queue notifications. Call once. */
    public IncidentStore bind(DataSource dataSource) {
        if (notifier != null) {
            throw new IllegalStateException("bind() was already called");
        }
        notifier = new Notifier(settings, outbox, metrics, clock, this::wake);
        IncidentStore store = new IncidentStore(dataSource, notifier);
        dispatcher = new Dispatcher(settings, outbox, store, payloads, metrics, clock, inMaintenance, http);
        return store;
    }

    public IncidentListener listener() {
        return notifier;
    }

    public Outbox outbox() {
        return outbox;
    }

    public Payloads payloads() {
        return payloads;
    }

    public void start() {
        dispatcher().start();
    }

    /** One pass over the due rows; tests drive sending with it. */
    public int runOnce() throws SQLException {
        return dispatcher().runOnce();
    }

    private void wake() {
        if (dispatcher != null) {
            dispatcher.wake();
        }
    }

    private Dispatcher dispatcher() {
        if (dispatcher == null) {
            throw new IllegalStateException("bind() must be called first");
        }
        return dispatcher;
    }

    @Override
    public void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }
}
