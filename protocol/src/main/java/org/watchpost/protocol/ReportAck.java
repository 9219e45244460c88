package org.watchpost.protocol;

/**
 * The collector's answer to a stored report (HTTP 200). The agent moves its journal cursor to {@code storedThrough}
 * and no further: everything up to it is durably stored (or was declared dropped), so a crash of either side after this
 * answer loses nothing and a resend changes nothing.
 *
 * @param schema        {@link Report#SCHEMA}
 * @param agent         the agent id the report was stored under
 * @param storedThrough the highest sequence of the report that is committed
 * @param accepted      records stored by this request
 * @param duplicates    records of this request that were already stored (a replay)
 */
public record ReportAck(int schema, String agent, long storedThrough, int accepted, int duplicates) {
    public ReportAck {
        Wire.require(agent, "agent");
        if (storedThrough < 0 || accepted < 0 || duplicates < 0) {
            throw new IllegalArgumentException("stored_through, accepted and duplicates must be >= 0");
        }
    }
}
