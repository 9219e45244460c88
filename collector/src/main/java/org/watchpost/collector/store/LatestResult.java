package org.watchpost.collector.store;

import java.time.Instant;
import java.util.Objects;
import org.watchpost.protocol.CheckResult;

/**
 * The most recent check result of one target from one agent, with its evidence (the findings).
 *
 * @param seq        the agent's journal sequence of the result; a late, older report never replaces a newer one
 * @param receivedAt when the collector committed it
 */
public record LatestResult(String target, String agent, CheckResult result, long seq, Instant receivedAt) {
    public LatestResult {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
