package org.watchpost.collector.alert;

import java.time.Instant;

/** One notification in the outbox, as claimed for sending. */
public record OutboxRow(long id, long incidentId, String channel, String endpoint, String event, String alertname,
                        String alertClass, int attempts, int repeatsLeft, String claimToken, Instant createdAt) {
    public static final String ALERTMANAGER = "alertmanager";
    public static final String WEBHOOK = "webhook";
    public static final String FIRING = "firing";
    public static final String RESOLVED = "resolved";
    public static final String OPENED = "opened";
    public static final String UPDATED = "updated";
}
