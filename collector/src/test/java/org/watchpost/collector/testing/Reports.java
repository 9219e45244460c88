package org.watchpost.collector.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.watchpost.protocol.AgentHealth;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.DroppedRange;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Report;
import org.watchpost.protocol.ReportRecord;
import org.watchpost.protocol.Severity;
import org.watchpost.protocol.StateChange;
import org.watchpost.protocol.Verdict;

/** Reports as agents send them, for tests. */
public final class Reports {
    public static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private Reports() {
    }

    /** A check result of {@code target} at {@code T0 + seq seconds}: up, or down with the seed failure's evidence. */
    public static ReportRecord result(long seq, String target, boolean up) {
        Instant t = T0.plusSeconds(seq);
        CheckResult r = up
                ? new CheckResult(target, t, Verdict.UP, null, 200, List.of(), 0.12, "https://" + target + ".example/",
                null, Map.of("site", target, "team", "web"))
                : new CheckResult(target, t, Verdict.DOWN, FailureClass.DB_STORAGE_FULL, 200, List.of(
                Finding.certain(FailureClass.DB_STORAGE_FULL, "drupal.watchdog_full", Severity.CRITICAL,
                        "General error: 1114 The table 'watchdog' is full", "Free space in the database")),
                0.31, "https://" + target + ".example/", null, Map.of("site", target, "team", "web"));
        return ReportRecord.of(seq, t, r);
    }

    public static ReportRecord change(long seq, String target, String from, String to) {
        Instant t = T0.plusSeconds(seq);
        return ReportRecord.of(seq, t, new StateChange(target, from, to, t,
                "down".equals(to) ? FailureClass.DB_STORAGE_FULL : null, null, null));
    }

    /** Up results for sequences {@code from..to}, cycling over {@code targets} targets named t0, t1, … */
    public static List<ReportRecord> results(long from, long to, int targets) {
        List<ReportRecord> out = new ArrayList<>();
        for (long s = from; s <= to; s++) {
            out.add(result(s, "t" + (s % targets), true));
        }
        return out;
    }

    public static AgentHealth health(long journalBytes) {
        return new AgentHealth("0.1.0-test", T0, 3, 120, journalBytes, 256L << 20,
                Map.of("capacity", 4L, "age", 0L), 17, 0.25, 2);
    }

    public static Report report(String agent, List<ReportRecord> records) {
        return report(agent, records, List.of());
    }

    public static Report report(String agent, List<ReportRecord> records, List<DroppedRange> dropped) {
        long last = records.isEmpty() ? 0 : records.get(records.size() - 1).seq();
        return new Report(Report.SCHEMA, agent, T0.plusSeconds(last), records, dropped, health(1000 + last));
    }
}
