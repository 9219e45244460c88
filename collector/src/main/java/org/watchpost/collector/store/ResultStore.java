package org.watchpost.collector.store;

import java.time.Instant;
import java.util.List;

/**
 * What the collector has ingested, for readers: the API, the metrics and the fleet (consensus, incidents, status page).
 * Reads see committed reports only. Methods throw {@link DatabaseUnavailableException} when the database cannot answer.
 */
public interface ResultStore {
    /** The latest result per (target, agent), by target then agent; the latest state is never pruned. */
    List<LatestResult> latest();

    /**
     * A target's check results from every agent since {@code since}, newest first, at most {@code limit}
     * (history is pruned by age, rows per target and the byte cap).
     */
    List<HistoryPoint> history(String target, Instant since, int limit);

    /** Every agent the collector has heard from, with its sequence accounting and latest health, by id. */
    List<AgentStatus> agents();
}
