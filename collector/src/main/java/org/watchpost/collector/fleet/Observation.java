package org.watchpost.collector.fleet;

import java.time.Instant;
import java.util.Objects;
import org.watchpost.protocol.CheckResult;

/**
 * The latest result one agent reported for one target: the fleet's input.
 *
 * @param receivedAt when the collector stored it; freshness is judged by the probe's own time
 */
public record Observation(String target, String agent, CheckResult result, Instant receivedAt) {
    public Observation {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (result.time() == null) {
            throw new IllegalArgumentException("the result of " + agent + " for " + target + " has no time");
        }
    }
}
