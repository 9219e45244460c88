package org.watchpost.collector.alert;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code watchpost_notifications_total{channel,result}} and the outbox's fill; documented in docs/metrics.md.
 * Results: {@code sent} (a 2xx), {@code error} (will be retried), {@code rejected} (a 4xx, given up),
 * {@code dropped} (the outbox was full), {@code skipped} (a firing re-post held back by a maintenance window).
 */
final class NotificationMetrics {
    static final String NOTIFICATIONS = "watchpost_notifications";
    static final String OUTBOX_WAITING = "watchpost_notifications_waiting";
    static final List<String> RESULTS = List.of("sent", "error", "rejected", "dropped", "skipped");

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile double waiting;

    NotificationMetrics(MeterRegistry registry) {
        for (String channel : List.of(OutboxRow.ALERTMANAGER, OutboxRow.WEBHOOK)) {
            for (String result : RESULTS) {
                counters.put(channel + "/" + result, Counter.builder(NOTIFICATIONS)
                        .tags("channel", channel, "result", result)
                        .description("Notifications by channel and what became of them")
                        .register(registry));
            }
        }
        Gauge.builder(OUTBOX_WAITING, this, m -> m.waiting)
                .description("Notifications in the outbox waiting to be sent (pending or being sent)")
                .register(registry);
    }

    void count(String channel, String result) {
        Counter c = counters.get(channel + "/" + result);
        if (c != null) {
            c.increment();
        }
    }

    void waiting(int n) {
        waiting = n;
    }
}
