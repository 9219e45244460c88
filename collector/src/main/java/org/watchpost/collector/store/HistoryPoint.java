package org.watchpost.collector.store;

import java.time.Instant;
import java.util.Objects;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Verdict;

/**
 * One past check result of a target, without its evidence (only the latest result keeps that).
 *
 * @param primaryClass the failure class, null when up
 * @param status       the HTTP status, null when no response arrived
 */
public record HistoryPoint(String agent, Instant time, Verdict verdict, FailureClass primaryClass, Integer status) {
    public HistoryPoint {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(verdict, "verdict");
    }
}
