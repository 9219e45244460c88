package org.watchpost.collector.alert;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code alerting} section.
 *
 * @param alertmanagers   Alertmanager base URLs (an HA pair is two); each gets every alert
 * @param resendInterval  how often a firing alert is posted again; its {@code endsAt} lies four of these ahead, so
 *                        Alertmanager resolves it by itself if the collector goes away
 * @param resolveResends  how many times a resolution is posted (the first included), a minute apart
 * @param timeout         per request to a receiver
 * @param webhooks        webhook receivers
 * @param outboxCapacity  undelivered notifications kept; a new one beyond it is dropped and counted
 * @param maxBackoff      the longest wait between retries to a receiver that is down
 */
public record AlertingSettings(List<URI> alertmanagers, Duration resendInterval, int resolveResends,
                               Duration timeout, List<Webhook> webhooks, int outboxCapacity, Duration maxBackoff) {
    public static final Duration DEFAULT_RESEND_INTERVAL = Duration.ofMinutes(1);
    public static final int DEFAULT_RESOLVE_RESENDS = 3;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_OUTBOX_CAPACITY = 10_000;
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    /** endsAt of a firing alert, in resend intervals ahead. */
    public static final int ENDS_AT_INTERVALS = 4;

    public AlertingSettings {
        alertmanagers = List.copyOf(alertmanagers);
        webhooks = List.copyOf(webhooks);
        Objects.requireNonNull(resendInterval, "resendInterval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (resendInterval.isZero() || resendInterval.isNegative()) {
            throw new IllegalArgumentException("resend_interval must be longer than 0s");
        }
        if (resolveResends < 1) {
            throw new IllegalArgumentException("resolve_resends must be at least 1, was " + resolveResends);
        }
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be longer than 0s");
        }
        if (outboxCapacity < 1) {
            throw new IllegalArgumentException("outbox_capacity must be at least 1, was " + outboxCapacity);
        }
        if (maxBackoff.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("max_backoff must be at least 1s");
        }
    }

    public static AlertingSettings none() {
        return new AlertingSettings(List.of(), DEFAULT_RESEND_INTERVAL, DEFAULT_RESOLVE_RESENDS, DEFAULT_TIMEOUT,
                List.of(), DEFAULT_OUTBOX_CAPACITY, DEFAULT_MAX_BACKOFF);
    }

    /** The wait before retry number {@code attempts} (1-based): 1s, 2s, 4s … up to {@link #maxBackoff}. */
    public Duration backoff(int attempts) {
        long seconds = 1L << Math.min(20, Math.max(0, attempts - 1));
        Duration d = Duration.ofSeconds(seconds);
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
