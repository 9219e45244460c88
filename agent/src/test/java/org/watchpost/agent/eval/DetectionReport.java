package org.watchpost.agent.eval;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The evaluation's tables in Markdown: per material, then per stack, page-size band and position, encoding,
 * documentation package and blind class; then every miss, wrong class and false alarm by name, with the signature and
 * evidence that made it.
 */
final class DetectionReport {
    /** Evidence is cut to this in the lists; the finding itself keeps at most 300 characters. */
    private static final int EVIDENCE_CHARS = 200;
    /** The console shows this many names per list; the file has them all. */
    private static final int CONSOLE_ITEMS = 8;
    private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([a-z0-9_.:-]+)");

    private final List<Sample.Judged> all;
    private final List<String> notes;

    DetectionReport(List<Sample.Judged> all, List<String> notes) {
        this.all = List.copyOf(all);
        this.notes = List.copyOf(notes);
    }

    /** Counts of one row. */
    record Row(String name, int failures, int caught, int rightClass, int healthy, int falseAlarms) {
        static Row of(String name, List<Sample.Judged> js) {
            int f = 0;
            int c = 0;
            int r = 0;
            int h = 0;
            int fa = 0;
            for (Sample.Judged j : js) {
                if (j.failure()) {
                    f++;
                    c += j.caught() ? 1 : 0;
                    r += j.rightClass() ? 1 : 0;
                } else {
                    h++;
                    fa += j.falseAlarm() ? 1 : 0;
                }
            }
            return new Row(name, f, c, r, h, fa);
        }

        double recall() {
            return failures == 0 ? 1 : (double) caught / failures;
        }

        String cells() {
            return "| " + name + " | " + ratio(caught, failures) + " | " + ratio(falseAlarms, healthy) + " | "
                    + ratio(rightClass, failures) + " |";
        }

        private static String ratio(int n, int of) {
            if (of == 0) {
                return "–";
            }
            return n + " / " + of + String.format(Locale.ROOT, " (%.1f%%)", 100.0 * n / of);
        }
    }

    static List<Row> rows(List<Sample.Judged> js, Function<Sample.Judged, String> key) {
        Map<String, List<Sample.Judged>> by = new LinkedHashMap<>();
        for (Sample.Judged j : js) {
            by.computeIfAbsent(key.apply(j), k -> new ArrayList<>()).add(j);
        }
        return by.entrySet().stream().map(e -> Row.of(e.getKey(), e.getValue())).toList();
    }

    List<Sample.Judged> of(MaterialSet set) {
        return all.stream().filter(j -> j.sample().set() == set).toList();
    }

    /** The whole report; {@code fullLists} false cuts each list of names short (for the console). */
    String render(Duration took, boolean fullLists) {
        StringBuilder b = new StringBuilder();
        b.append("# Detection evaluation\n\n");
        b.append("Caught: failure pages the agent did not call up. False alarms: healthy pages it did not call up.")
                .append(" Right class: failure pages whose primary class is the expected one.\n");
        b.append(String.format(Locale.ROOT, "%d pages in %.0f s.%n%n", all.size(), took.toMillis() / 1000.0));
        table(b, "Summary", "Material", rows(all, j -> j.sample().set().title));
        table(b, MaterialSet.LIVE.title + ", per stack", "Stack", rows(of(MaterialSet.LIVE), j -> j.sample().group()));
        table(b, MaterialSet.DISTRIBUTION.title + ", per stack", "Stack",
                rows(of(MaterialSet.DISTRIBUTION), j -> j.sample().group()));
        table(b, MaterialSet.SIZES.title + ", per page-size band", "Band",
                rows(of(MaterialSet.SIZES), j -> j.sample().band()));
        table(b, MaterialSet.SIZES.title + ", per position", "Position",
                rows(of(MaterialSet.SIZES), j -> j.sample().position()));
        table(b, MaterialSet.SIZES.title + ", per band and position", "Band, position",
                rows(of(MaterialSet.SIZES), j -> j.sample().band() + ", " + j.sample().position()));
        table(b, MaterialSet.ENCODINGS.title + ", per encoding", "Encoding or language set",
                rows(of(MaterialSet.ENCODINGS), j -> j.sample().group()));
        table(b, MaterialSet.DOCUMENTATION.title + ", per package", "Package",
                rows(of(MaterialSet.DOCUMENTATION), j -> j.sample().group()));
        table(b, MaterialSet.BLIND.title + ", per expected class", "Expected",
                rows(of(MaterialSet.BLIND), j -> j.sample().group()));
        for (MaterialSet set : MaterialSet.values()) {
            List<Sample.Judged> js = of(set);
            list(b, set.title + ": missed failures", js.stream().filter(j -> j.failure() && !j.caught()).toList(),
                    fullLists);
            list(b, set.title + ": caught with the wrong class",
                    js.stream().filter(j -> j.caught() && !j.rightClass()).toList(), fullLists);
            list(b, set.title + ": false alarms", js.stream().filter(Sample.Judged::falseAlarm).toList(), fullLists);
        }
        if (!notes.isEmpty()) {
            b.append("## Notes\n\n");
            notes.forEach(n -> b.append("- ").append(n).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    private static void table(StringBuilder b, String title, String first, List<Row> rows) {
        b.append("## ").append(title).append("\n\n");
        if (rows.isEmpty()) {
            b.append("(no pages)\n\n");
            return;
        }
        b.append("| ").append(first).append(" | caught | false alarms | right class |\n|---|---|---|---|\n");
        rows.forEach(r -> b.append(r.cells()).append('\n'));
        b.append('\n');
    }

    private static void list(StringBuilder b, String title, List<Sample.Judged> js, boolean full) {
        if (js.isEmpty()) {
            return;
        }
        b.append("### ").append(title).append(" (").append(js.size()).append(")\n\n");
        int shown = full ? js.size() : Math.min(js.size(), CONSOLE_ITEMS);
        for (Sample.Judged j : js.subList(0, shown)) {
            Outcome o = j.outcome();
            b.append("- ").append(j.sample().name()).append(" — expected ").append(j.sample().expected())
                    .append(", got ").append(o.summary());
            if (o.status() != null) {
                b.append(", HTTP ").append(o.status());
            }
            if (o.transport() != null) {
                b.append(", ").append(o.transport());
            }
            String findings = o.findings().stream()
                    .map(f -> f.failureClass() + " " + f.signature() + ": \"" + evidence(f.evidence()) + "\"")
                    .collect(Collectors.joining("; "));
            if (!findings.isEmpty()) {
                b.append(" — ").append(findings);
            } else if (j.failure()) {
                b.append(" — the page began: \"").append(evidence(beginning(o))).append('"');
            }
            if (j.failure() && !j.rightClass() && !o.ignored().isEmpty()) {
                b.append(" — not counted: ").append(o.ignored().stream().limit(3).map(DetectionReport::evidence)
                        .collect(Collectors.joining(" | ")));
            }
            b.append('\n');
        }
        if (shown < js.size()) {
            b.append("- … ").append(js.size() - shown).append(" more in agent/target/detection-report.md\n");
        }
        b.append('\n');
    }

    /** The start of the body, decoded with the charset its header declared (UTF-8 otherwise), controls dropped. */
    private static String beginning(Outcome o) {
        Charset cs = StandardCharsets.UTF_8;
        Matcher m = CHARSET.matcher(o.contentType() == null ? "" : o.contentType());
        if (m.find()) {
            try {
                cs = Charset.forName(m.group(1));
            } catch (IllegalArgumentException unknown) {
                // Keep UTF-8: this is only an excerpt for a person to recognise the page.
            }
        }
        String text = new String(o.body(), 0, Math.min(o.body().length, 1200), cs);
        return text.replaceAll("[\\p{Cc}&&[^\\s]]|\uFEFF|\uFFFD", "");
    }

    private static String evidence(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= EVIDENCE_CHARS ? one : one.substring(0, EVIDENCE_CHARS) + "…";
    }
}
