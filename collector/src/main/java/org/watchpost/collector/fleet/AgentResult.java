package org.watchpost.collector.fleet;

import java.time.Instant;
import java.util.Objects;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Verdict;

/**
 * What one agent last saw of a target, as the consensus used it.
 *
 * @param stale true when the result is older than {@code consensus.stale_after} and did not count
 */
public record AgentResult(String agent, Verdict verdict, FailureClass primaryClass, Instant time, boolean stale) {
    public AgentResult {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(time, "time");
    }
}
