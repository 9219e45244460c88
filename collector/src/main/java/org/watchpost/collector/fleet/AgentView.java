package org.watchpost.collector.fleet;

import java.time.Instant;
import java.util.Objects;

/**
 * An agent's health as the status page and {@code /api/v1/status} show it.
 *
 * @param stale               true when not heard from within {@code consensus.agent_stale_after}: "not reporting"
 * @param journalBytes        -1 when the agent never sent a health snapshot
 * @param journalCapacityBytes -1 when unknown
 * @param journalDropped      records its journal dropped, all reasons together
 * @param forwardLagRecords   records waiting on the agent to be forwarded, -1 when unknown
 */
public record AgentView(String agent, String version, Instant lastSeen, boolean stale, long journalBytes,
                        long journalCapacityBytes, long journalDropped, long forwardLagRecords) {
    public AgentView {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(lastSeen, "lastSeen");
        version = version == null ? "" : version;
    }

    /** The journal's fill in percent, -1 when unknown. */
    public int journalFillPercent() {
        if (journalBytes < 0 || journalCapacityBytes <= 0) {
            return -1;
        }
        return (int) Math.min(100, journalBytes * 100 / journalCapacityBytes);
    }
}
