package org.watchpost.collector.fleet;

import java.time.Instant;
import java.util.Objects;

/** One cell of a target's history strip: the consensus after a new check. */
public record HistoryPoint(Instant time, FleetState state, boolean maintenance) {
    public HistoryPoint {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(state, "state");
    }
}
