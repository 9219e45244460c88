package org.watchpost.collector.fleet;

import java.time.Instant;
import java.util.Objects;
import org.watchpost.protocol.AgentHealth;

/**
 * An agent as the collector last heard from it.
 *
 * @param health the health snapshot of its last report; null when it never sent one
 */
public record AgentSeen(String agent, String version, Instant lastSeen, AgentHealth health) {
    public AgentSeen {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}
