package org.watchpost.collector.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an incident's timeline.
 *
 * @param kind   {@code opened}, {@code class_changed}, {@code verdict_changed}, {@code recovering},
 *               {@code failing_again}, {@code resolved}
 * @param detail one sentence for people
 */
public record IncidentEvent(Instant time, String kind, String detail) {
    public IncidentEvent {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(kind, "kind");
        detail = detail == null ? "" : detail;
    }
}
