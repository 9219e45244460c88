package org.watchpost.collector.fleet;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What the fleet decided about a target. Ordered from best to worst. */
public enum FleetState {
    /** Every fresh agent, or at least more than a quorum's worth, sees the page working. */
    UP,
    /** Some agents see a failure but fewer than the quorum: "seen from eu-1 only", shown, never an outage. */
    PARTIAL,
    /** A quorum sees the page usable but wrong (debug leak, expiring certificate, blocked). */
    DEGRADED,
    /** A quorum sees the page failing. */
    DOWN,
    /** No agent has a fresh result: the agents have a problem, the target's state is not known. */
    NO_DATA;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Down and degraded open incidents; the others never do. */
    public boolean failing() {
        return this == DOWN || this == DEGRADED;
    }

    /** Up and a partial view count as working for recovery. */
    public boolean working() {
        return this == UP || this == PARTIAL;
    }

    @Override
    public String toString() {
        return id();
    }
}
