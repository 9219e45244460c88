package org.watchpost.collector.store;

import java.time.Instant;
import java.util.Objects;
import org.watchpost.protocol.AgentHealth;

/**
 * What the collector knows of one agent.
 *
 * @param version         from the latest health snapshot, null before the first report
 * @param lastSeen        when the latest accepted report was committed, null before the first
 * @param firstSeq        the lowest sequence accounted for (received or declared dropped), 0 when none
 * @param lastSeq         the highest sequence accounted for, 0 when none
 * @param received        distinct records stored
 * @param declaredDropped sequences the agent declared dropped (and never delivered)
 * @param gaps            sequences between firstSeq and lastSeq neither received nor declared dropped: lost in transit,
 *                        or still on their way out of order
 * @param health          the latest health snapshot (by the agent's sent_at), null before the first report
 */
public record AgentStatus(String id, String version, Instant lastSeen, long firstSeq, long lastSeq, long received,
                          long declaredDropped, long gaps, AgentHealth health) {
    public AgentStatus {
        Objects.requireNonNull(id, "id");
        if (received < 0 || declaredDropped < 0 || gaps < 0) {
            throw new IllegalArgumentException("counts must be >= 0");
        }
    }

    /** An agent configured but never heard from. */
    public static AgentStatus unseen(String id) {
        return new AgentStatus(id, null, null, 0, 0, 0, 0, 0, null);
    }
}
