package org.watchpost.agent.schedule;

import java.util.Locale;

/** Why a due probe was not started. Each is counted in {@code watchpost_probe_skipped_total{reason}}. */
public enum SkipReason {
    /** The previous probe of the target was still running when the next one came due: never stacked. */
    STILL_RUNNING,
    /**
     * The previous probe was still waiting for a free slot (global cap, per-host concurrency or spacing) when the
     * next one came due: the agent is overloaded or a host is shared by too many targets.
     */
    STILL_QUEUED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
