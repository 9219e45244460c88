package org.watchpost.collector.alert;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.watchpost.collector.fleet.Incident;
import org.watchpost.collector.fleet.IncidentChange;
import org.watchpost.collector.fleet.IncidentListener;

/**
 * Turns incident changes into outbox rows, inside the incident's own transaction.
 *
 * <p>Alertmanager knows an alert by its labels, so a change of class or verdict is two things for it: the old label
 * set resolved and a new one firing. A firing row lives as long as the incident: after each delivery it is due again
 * one resend interval later. A resolution is posted {@code resolve_resends} times.
 */
public final class Notifier implements IncidentListener {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final AlertingSettings settings;
    private final Outbox outbox;
    private final NotificationMetrics metrics;
    private final Clock clock;
    private final Runnable wake;

    Notifier(AlertingSettings settings, Outbox outbox, NotificationMetrics metrics, Clock clock, Runnable wake) {
        this.settings = settings;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clock = clock;
        this.wake = wake;
    }

    @Override
    public void changed(Connection tx, IncidentChange change) throws SQLException {
        Incident i = change.incident();
        Instant now = clock.instant();
        int resolveRepeats = settings.resolveResends() - 1;
        for (URI am : settings.alertmanagers()) {
            String url = am.toString();
            switch (change.kind()) {
                case OPENED -> add(tx, i, OutboxRow.ALERTMANAGER, url, OutboxRow.FIRING, i.alertname(),
                        i.primaryClass().id(), 0, now);
                case UPDATED -> {
                    outbox.supersede(tx, i.id(), OutboxRow.ALERTMANAGER, OutboxRow.FIRING, now);
                    add(tx, i, OutboxRow.ALERTMANAGER, url, OutboxRow.RESOLVED,
                            Incident.alertname(change.previousVerdict()), change.previousClass().id(),
                            resolveRepeats, now);
                    add(tx, i, OutboxRow.ALERTMANAGER, url, OutboxRow.FIRING, i.alertname(), i.primaryClass().id(),
                            0, now);
                }
                case RESOLVED -> {
                    outbox.supersede(tx, i.id(), OutboxRow.ALERTMANAGER, OutboxRow.FIRING, now);
                    add(tx, i, OutboxRow.ALERTMANAGER, url, OutboxRow.RESOLVED, i.alertname(),
                            i.primaryClass().id(), resolveRepeats, now);
                }
            }
        }
        String event = switch (change.kind()) {
            case OPENED -> OutboxRow.OPENED;
            case UPDATED -> OutboxRow.UPDATED;
            case RESOLVED -> OutboxRow.RESOLVED;
        };
        for (Webhook w : settings.webhooks()) {
            add(tx, i, OutboxRow.WEBHOOK, w.url().toString(), event, i.alertname(), i.primaryClass().id(), 0, now);
        }
        if (!settings.alertmanagers().isEmpty() || !settings.webhooks().isEmpty()) {
            wake.run();
        }
    }

    private void add(Connection tx, Incident i, String channel, String url, String event, String alertname,
                     String cls, int repeats, Instant now) throws SQLException {
        if (!outbox.enqueue(tx, i.id(), channel, url, event, alertname, cls, repeats, now)) {
            metrics.count(channel, "dropped");
            log.error("the notification outbox is full ({} waiting, alerting.outbox_capacity); dropped the {} {}"
                    + " notification of incident {} for {} to {}", settings.outboxCapacity(), channel, event, i.id(),
                    i.target(), url);
        }
    }
}
