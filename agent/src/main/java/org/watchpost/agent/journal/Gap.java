package org.watchpost.agent.journal;

/**
 * Sequences {@code from..to} (inclusive) that were journalled and will never be delivered, and why. The reader hands
 * them to the forwarder with the records around them, so the collector is told which sequences the agent dropped
 * (and counted) rather than lost in transit.
 *
 * @param reason why they went; null when an earlier run of the agent dropped them (it counted them under their reason,
 *               but the reason is not kept across restarts)
 */
public record Gap(long from, long to, DropReason reason) {
    /** The wire name of the reason: a {@link DropReason} label, or {@code unknown} for a drop by an earlier run. */
    public static final String UNKNOWN = "unknown";

    public Gap {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("a gap needs 1 <= from <= to, got " + from + ".." + to);
        }
    }

    public String label() {
        return reason == null ? UNKNOWN : reason.label();
    }
}
