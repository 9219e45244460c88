package org.watchpost.collector.store;

import java.util.List;
import java.util.Objects;
import org.watchpost.protocol.ReportRecord;

/**
 * What one committed report changed.
 *
 * @param storedThrough the report's highest sequence (record or declared drop), all of it committed; 0 for a report
 *                      that carried only health
 * @param fresh         the records stored for the first time, ascending
 * @param duplicates    records that were already accounted for (a replay, an overlapping retry)
 * @param newlyDropped  sequences newly declared dropped by this report
 * @param agent         the agent's accounting after the commit
 */
public record StoredReport(long storedThrough, List<ReportRecord> fresh, int duplicates, long newlyDropped,
                           AgentStatus agent) {
    public StoredReport {
        fresh = List.copyOf(fresh);
        Objects.requireNonNull(agent, "agent");
    }
}
