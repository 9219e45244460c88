package org.watchpost.protocol;

/**
 * Sequences {@code from..to} (inclusive) that the agent journalled and then had to drop before delivering them, and
 * why ({@code capacity}, {@code age}, {@code corrupt}: the agent's {@code watchpost_journal_dropped_total} reasons). Records
 * that were dropped before they got a sequence (a full buffer, a full disk) leave no gap and are counted in the health
 * snapshot instead.
 */
public record DroppedRange(long from, long to, String reason) {
    public DroppedRange {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("a dropped range needs 1 <= from <= to, got " + from + ".." + to);
        }
        Wire.require(reason, "reason");
    }

    public long count() {
        return to - from + 1;
    }
}
