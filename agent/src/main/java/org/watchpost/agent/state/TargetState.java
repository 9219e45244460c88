package org.watchpost.agent.state;

import java.util.Locale;

/** A target's state after thresholds: what {@code watchpost_target_up} and alerts are about. */
public enum TargetState {
    /** No probe has decided yet (just started, or a failure streak below the threshold since start). */
    UNKNOWN,
    UP,
    DOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
