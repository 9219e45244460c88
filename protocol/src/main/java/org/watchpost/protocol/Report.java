package org.watchpost.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One push from an agent to the collector ({@code POST /api/v1/reports}, gzip JSON): a batch of journal records in
 * sequence order, the sequence ranges the agent had to drop since its last report, and a small health snapshot so the
 * collector can show agents that nobody can scrape.
 *
 * <pre>{@code
 * Report r = new Report(Report.SCHEMA, "eu-1", Instant.now(), records, dropped, health);
 * byte[] body = WireJson.newMapper().writeValueAsBytes(r);   // then gzip
 * }</pre>
 *
 * <p>Readers ignore unknown fields (a newer agent may send more) and reject a report whose {@code schema} they do not
 * know or whose required fields are missing.
 *
 * @param schema  the wire version, {@link #SCHEMA}; a collector refuses versions it does not know
 * @param agent   the sending agent's id; must be the id its token belongs to
 * @param sentAt  when the agent built the report (its own clock)
 * @param records journal records in ascending {@code seq}, at most {@link #MAX_RECORDS}
 * @param dropped sequence ranges that were journalled and then lost before delivery (capacity, age, damage), so the
 *                collector tells "dropped by the agent, counted" from "lost in transit"; may be empty
 * @param health  the agent's own health at {@code sentAt}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(int schema, String agent, Instant sentAt, List<ReportRecord> records, List<DroppedRange> dropped,
                     AgentHealth health) {
    /** The wire version this build writes and reads. */
    public static final int SCHEMA = 1;
    /** Most records one report may carry; agents batch below it, collectors refuse above it. */
    public static final int MAX_RECORDS = 10_000;

    public Report {
        if (schema != SCHEMA) {
            throw new IllegalArgumentException("schema " + schema + " is not supported; this build speaks schema "
                    + SCHEMA);
        }
        Wire.require(agent, "agent");
        Objects.requireNonNull(sentAt, "sent_at is required");
        records = records == null ? List.of() : List.copyOf(records);
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
        if (records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("records holds " + records.size() + " entries; at most " + MAX_RECORDS
                    + " are allowed in one report");
        }
        for (int i = 1; i < records.size(); i++) {
            if (records.get(i).seq() <= records.get(i - 1).seq()) {
                throw new IllegalArgumentException("records[" + i + "].seq " + records.get(i).seq()
                        + " does not follow records[" + (i - 1) + "].seq " + records.get(i - 1).seq()
                        + "; records must be in ascending sequence order without repeats");
            }
        }
    }

    /** The highest sequence this report accounts for (a record or a declared drop), 0 when it accounts for none. */
    public long lastSequence() {
        long last = records.isEmpty() ? 0 : records.get(records.size() - 1).seq();
        for (DroppedRange d : dropped) {
            last = Math.max(last, d.to());
        }
        return last;
    }

    /** Shorthand for tests and tools. */
    public static Report of(String agent, Instant sentAt, List<ReportRecord> records, AgentHealth health) {
        return new Report(SCHEMA, agent, sentAt, records, List.of(), health);
    }
}
