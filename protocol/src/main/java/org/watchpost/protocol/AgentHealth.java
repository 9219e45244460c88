package org.watchpost.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * What an agent says about itself in every report: enough for the collector to show and export the health of agents
 * that Prometheus cannot scrape. Numbers are the agent's own metrics at the time of the report.
 *
 * @param version              the agent's release
 * @param startedAt            when the agent process started
 * @param targets              targets configured
 * @param signatures           signatures loaded (built-in and the user's)
 * @param journalBytes         {@code watchpost_journal_bytes}
 * @param journalCapacityBytes {@code watchpost_journal_capacity_bytes}
 * @param journalDropped       {@code watchpost_journal_dropped_total} by reason
 * @param forwardLagRecords    {@code watchpost_forward_lag_records}
 * @param schedulerLagSeconds  {@code watchpost_scheduler_lag_seconds}
 * @param logEventsDropped     {@code watchpost_log_events_dropped_total}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentHealth(String version, Instant startedAt, int targets, int signatures, long journalBytes,
                          long journalCapacityBytes, Map<String, Long> journalDropped, long forwardLagRecords,
                          double schedulerLagSeconds, long logEventsDropped) {
    /** Reasons are a closed set on the agent; a report with more than this many is not from a Watchpost agent. */
    public static final int MAX_DROP_REASONS = 32;

    public AgentHealth {
        journalDropped = journalDropped == null ? Map.of() : Map.copyOf(journalDropped);
        if (journalDropped.size() > MAX_DROP_REASONS) {
            throw new IllegalArgumentException("journal_dropped has " + journalDropped.size()
                    + " reasons; at most " + MAX_DROP_REASONS + " are allowed");
        }
        for (Map.Entry<String, Long> e : journalDropped.entrySet()) {
            if (e.getValue() == null || e.getValue() < 0) {
                throw new IllegalArgumentException("journal_dropped." + e.getKey() + " must be a count >= 0");
            }
        }
    }
}
