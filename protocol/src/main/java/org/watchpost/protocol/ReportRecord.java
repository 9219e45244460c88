package org.watchpost.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One journal record on the wire: exactly one of {@code checkResult} and {@code stateChange} is set, as {@code type}
 * says. {@code (agent, seq)} identifies it: the collector stores each once, however often it is sent.
 *
 * @param seq         the agent's journal sequence, from 1, contiguous unless dropped ranges say otherwise
 * @param time        when the agent journalled it
 * @param type        {@code check_result} or {@code state_change}
 * @param checkResult the probe's outcome, for {@code check_result}
 * @param stateChange the transition, for {@code state_change}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportRecord(long seq, Instant time, String type, CheckResult checkResult, StateChange stateChange) {
    public static final String CHECK_RESULT = "check_result";
    public static final String STATE_CHANGE = "state_change";

    public ReportRecord {
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be at least 1, was " + seq);
        }
        Objects.requireNonNull(time, "time is required");
        Wire.require(type, "type");
        switch (type) {
            case CHECK_RESULT -> {
                if (checkResult == null || stateChange != null) {
                    throw new IllegalArgumentException("a check_result record needs check_result and no state_change");
                }
                if (checkResult.target() == null) {
                    throw new IllegalArgumentException("check_result.target is required");
                }
            }
            case STATE_CHANGE -> {
                if (stateChange == null || checkResult != null) {
                    throw new IllegalArgumentException("a state_change record needs state_change and no check_result");
                }
            }
            default -> throw new IllegalArgumentException("type '" + type + "' is not one of " + CHECK_RESULT + ", "
                    + STATE_CHANGE);
        }
    }

    public static ReportRecord of(long seq, Instant time, CheckResult r) {
        return new ReportRecord(seq, time, CHECK_RESULT, r, null);
    }

    public static ReportRecord of(long seq, Instant time, StateChange c) {
        return new ReportRecord(seq, time, STATE_CHANGE, null, c);
    }
}
