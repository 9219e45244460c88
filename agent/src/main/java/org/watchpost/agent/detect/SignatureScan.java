package org.watchpost.agent.detect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.protocol.Finding;

/**
 * The signature scan of one response: one automaton pass over the body (two when signatures limited to the
 * response's status exist), then, for pages with hits only, one tokenizer pass to know where each hit stands, the
 * confirming regexes, context scoring and the baseline. A page without a hit costs the automaton pass and nothing
 * else. Header signatures are scanned over the header block.
 */
final class SignatureScan {
    private static final int PER_SIGNATURE_HITS = 8;
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final SignatureLibrary library;
    private final DetectorSettings settings;
    private final ContextScorer scorer;
    private final Map<String, List<String>> groupNames = new LinkedHashMap<>();

    SignatureScan(SignatureLibrary library, DetectorSettings settings) {
        this.library = library;
        this.settings = settings;
        this.scorer = new ContextScorer(settings.scoring());
        for (Signature s : library.signatures()) {
            List<String> names = new ArrayList<>();
            if (s.regex() != null) {
                Matcher m = GROUP_NAME.matcher(s.regex().pattern());
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
            groupNames.put(s.id(), List.copyOf(names));
        }
    }

    /** What the scan found, and how. */
    record Result(List<Finding> findings, List<Classification.Considered> considered, List<Long> content,
                  Classification.PageFacts facts, int dropped) {
    }

    Result scan(ProbeResult probe, PageText text, Baseline baseline) {
        Run run = new Run(probe, text, baseline);
        run.body();
        SignatureLibrary.Compiled head = library.headers();
        if (!head.isEmpty() && probe.headers().keySet().stream().anyMatch(library::headerMayMatch)) {
            run.headers(head);
        }
        return new Result(run.findings, run.considered, run.content, run.facts, run.dropped);
    }

    /** One response's scan: collect hits, analyse their context once, score each signature's best hit. */
    private final class Run {
        private final ProbeResult probe;
        private final byte[] page;
        private final Baseline baseline;
        final List<Finding> findings = new ArrayList<>();
        final List<Classification.Considered> considered = new ArrayList<>();
        final List<Long> content = new ArrayList<>();
        Classification.PageFacts facts = Classification.PageFacts.NONE;
        int dropped;

        Run(ProbeResult probe, PageText text, Baseline baseline) {
            this.probe = probe;
            this.page = text.utf8();
            this.baseline = baseline;
        }

        void body() {
            SignatureLibrary.Compiled any = library.body();
            SignatureLibrary.Compiled gated = library.bodyFor(probe.status());
            if (page.length == 0) {
                return;
            }
            HitCollector anyHits = collect(any);
            HitCollector gatedHits = collect(gated);
            boolean closedHtml = anyHits != null && anyHits.sawHtmlEnd;
            facts = new Classification.PageFacts("", 0, PageContext.looksLikeHtml(page), closedHtml);
            int total = (anyHits == null ? 0 : anyHits.size) + (gatedHits == null ? 0 : gatedHits.size);
            if (total == 0) {
                return;
            }
            int[] all = new int[total];
            int k = 0;
            for (HitCollector h : new HitCollector[] {anyHits, gatedHits}) {
                if (h != null) {
                    for (int i = 0; i < h.size; i++) {
                        all[k++] = h.start(i);
                    }
                }
            }
            PageContext ctx = PageContext.analyze(page, Arrays.stream(all).distinct().sorted().toArray());
            facts = new Classification.PageFacts(Entities.decode(ctx.title()), ctx.visibleTotal(), ctx.isHtml(),
                    closedHtml);
            java.util.Set<Integer> listed = new java.util.HashSet<>();
            for (HitCollector h : new HitCollector[] {anyHits, gatedHits}) {
                for (int i = 0; h != null && i < h.size; i++) {
                    if ((ctx.flags(h.start(i)) & PageContext.LISTED) != 0) {
                        listed.add(ctx.item(h.start(i)));
                    }
                }
            }
            Map<Integer, Candidate> best = new LinkedHashMap<>();
            Map<Integer, Integer> examined = new LinkedHashMap<>();
            for (HitCollector h : new HitCollector[] {anyHits, gatedHits}) {
                if (h == null || h.size == 0) {
                    continue;
                }
                Integer[] order = new Integer[h.size];
                for (int i = 0; i < order.length; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, Comparator.comparingInt(i -> h.ends[i]));
                for (int i : order) {
                    int pattern = h.patterns[i];
                    int sigIndex = h.compiled.signature()[pattern];
                    if (examined.merge(sigIndex, 1, Integer::sum) > PER_SIGNATURE_HITS) {
                        continue;
                    }
                    Signature sig = library.signatures().get(sigIndex);
                    if (!sig.appliesTo(probe.status())) {
                        continue;
                    }
                    Candidate cand = candidate(sig, h.compiled, pattern, h.start(i), h.ends[i], ctx, listed.size());
                    if (cand != null) {
                        best.merge(sigIndex, cand, (a, b) -> b.score > a.score ? b : a);
                    }
                }
            }
            best.values().forEach(this::decide);
        }

        private HitCollector collect(SignatureLibrary.Compiled c) {
            if (c.isEmpty()) {
                return null;
            }
            HitCollector hits = new HitCollector(settings.maxHits(), c);
            c.automaton().scan(page, 0, page.length, hits);
            dropped += hits.dropped;
            return hits;
        }

        private Candidate candidate(Signature sig, SignatureLibrary.Compiled c, int pattern, int start, int end,
                                    PageContext ctx, int listedSignatures) {
            int flags = ctx.flags(start);
            boolean escaped = c.escaped()[pattern];
            boolean inText = (flags & PageContext.NOT_TEXT) == 0;
            boolean inTitle = (flags & PageContext.IN_TITLE) != 0;
            if (!applies(sig, inText, inTitle, escaped)) {
                return null;
            }
            TextWindow w = TextWindow.around(page, start, end, settings.windowBefore(), settings.windowAfter());
            String anchor = c.anchor()[pattern];
            if (sig.caseSensitive() && !w.text().contains(collapse(Entities.decode(anchor)))
                    && !w.raw().contains(anchor)) {
                return null;
            }
            Confirmation ok = confirm(sig, w, anchor);
            if (ok == null) {
                return null;
            }
            List<String> reasons = new ArrayList<>();
            ContextScorer.Hit hit = scorer.hit(flags, ctx.visibleTotal(), probe.status(),
                    w.surroundings(anchor, settings.scoring().quoteReach()), !escaped && anchor.indexOf('<') >= 0,
                    listedSignatures);
            double score = scorer.score(sig, hit, reasons);
            String context = describe(flags, ctx, start, hit);
            String evidence = w.excerpt(w.locate(anchor), Finding.MAX_EVIDENCE_CHARS);
            return new Candidate(sig, score, reasons, context, evidence, ok.captures(), ok.matched());
        }

        void headers(SignatureLibrary.Compiled c) {
            StringBuilder block = new StringBuilder(256);
            probe.headers().forEach((name, values) -> values.forEach(v -> block.append(name).append(": ")
                    .append(v).append('\n')));
            byte[] bytes = block.toString().getBytes(StandardCharsets.UTF_8);
            HitCollector hits = new HitCollector(settings.maxHits(), c);
            c.automaton().scan(bytes, 0, bytes.length, hits);
            if (hits.size == 0) {
                return;
            }
            Map<Integer, Candidate> best = new LinkedHashMap<>();
            for (int i = 0; i < hits.size; i++) {
                Signature sig = library.signatures().get(c.signature()[hits.patterns[i]]);
                if (!sig.appliesTo(probe.status()) || best.containsKey(c.signature()[hits.patterns[i]])) {
                    continue;
                }
                int end = hits.ends[i];
                int lineStart = block.lastIndexOf("\n", Math.max(0, end - c.rawLength()[hits.patterns[i]])) + 1;
                int lineEnd = block.indexOf("\n", Math.min(block.length() - 1, end - 1));
                String line = block.substring(lineStart, lineEnd < 0 ? block.length() : lineEnd);
                TextWindow w = TextWindow.ofText(line);
                Confirmation ok = confirm(sig, w, c.anchor()[hits.patterns[i]]);
                if (ok == null) {
                    continue;
                }
                List<String> reasons = new ArrayList<>();
                reasons.add(String.format(Locale.ROOT, "%.2f signature confidence", sig.confidence()));
                double score = sig.confidence();
                if (probe.status() >= 400) { // a header names the error the status announces
                    score += settings.scoring().serverErrorBonus();
                    reasons.add(String.format(Locale.ROOT, "%+.2f HTTP %d", settings.scoring().serverErrorBonus(),
                            probe.status()));
                }
                best.put(c.signature()[hits.patterns[i]], new Candidate(sig, Math.min(1, score), reasons,
                        "response header", Redactor.redact(line), ok.captures(), ok.matched()));
            }
            best.values().forEach(this::decide);
        }

        private void decide(Candidate c) {
            long fp = fingerprint(c.sig.id(), c.matched);
            String verdict;
            boolean counted = false;
            if (baseline.contains(fp)) {
                verdict = "seen while the target was up: page content";
            } else if (c.score >= settings.threshold()) {
                counted = true;
                verdict = String.format(Locale.ROOT, "score %.2f ≥ %.2f", c.score, settings.threshold());
                findings.add(new Finding(c.sig.failureClass(), c.sig.id(), c.sig.severity(),
                        withCaptures(c.evidence, c.captures), Hints.fill(c.sig.hint(), c.captures),
                        Math.round(c.score * 100) / 100.0, c.context));
            } else {
                verdict = String.format(Locale.ROOT, "score %.2f < %.2f", c.score, settings.threshold());
            }
            if (!counted) {
                content.add(fp);
            }
            considered.add(new Classification.Considered(c.sig.id(), c.sig.failureClass(), c.context,
                    Math.round(c.score * 100) / 100.0, c.reasons, counted, verdict, c.evidence, fp));
        }
    }

    /** Whether a hit at this place can count for the signature's scopes. */
    private static boolean applies(Signature sig, boolean inText, boolean inTitle, boolean escaped) {
        if (sig.scopes().contains(Scope.HTML) && !escaped) {
            return true;
        }
        if (!inText) {
            return false;
        }
        return inTitle ? sig.scopes().contains(Scope.TITLE) || sig.scopes().contains(Scope.TEXT)
                : sig.scopes().contains(Scope.TEXT);
    }

    /** Where a hit stood, in words, for the evidence context and {@code classify --format text}. */
    private static String describe(int flags, PageContext ctx, int start, ContextScorer.Hit hit) {
        List<String> parts = new ArrayList<>();
        if ((flags & PageContext.IN_TITLE) != 0) {
            parts.add("title");
        } else if ((flags & PageContext.IN_SCRIPT) != 0) {
            parts.add("inside <script>");
        } else if ((flags & PageContext.IN_STYLE) != 0) {
            parts.add("inside <style>");
        } else if ((flags & PageContext.IN_COMMENT) != 0) {
            parts.add("inside an HTML comment");
        } else if ((flags & PageContext.IN_MARKUP) != 0) {
            parts.add("markup");
        } else if ((flags & PageContext.IN_HEADING) != 0) {
            parts.add("heading");
        } else {
            parts.add("body text");
        }
        if ((flags & PageContext.HIDDEN) != 0) {
            parts.add("hidden from visitors");
        }
        if ((flags & PageContext.IN_PRE) != 0) {
            parts.add("inside <pre>");
        }
        if ((flags & PageContext.IN_CODE) != 0) {
            parts.add("inside <code>");
        }
        if ((flags & PageContext.IN_BLOCKQUOTE) != 0) {
            parts.add("inside <blockquote>");
        }
        if ((flags & PageContext.IN_TEXTAREA) != 0) {
            parts.add("inside <textarea>");
        }
        if ((flags & PageContext.LISTED) != 0) {
            parts.add("in a table cell or list item");
        }
        if (hit.quoted()) {
            parts.add("between quotation marks");
        }
        if (hit.placeholder()) {
            parts.add("with format placeholders");
        }
        if (hit.inSentence()) {
            parts.add("inside a sentence");
        }
        if ((flags & PageContext.AFTER_HTML_END) != 0) {
            parts.add("after </html>");
        }
        int total = ctx.visibleTotal();
        if (total > 0) {
            parts.add(String.format(Locale.ROOT, "at %d%% of %d visible bytes",
                    Math.round(100.0 * ctx.visibleBefore(start) / total), total));
        }
        return String.join(", ", parts);
    }

    /**
     * Runs the signature's confirming regexes; null if one does not match. The matched text (the regex match, or the
     * anchor) identifies the hit for the baseline: the same failure string is the same content wherever it stands.
     */
    private Confirmation confirm(Signature sig, TextWindow w, String anchor) {
        Map<String, String> captures = new LinkedHashMap<>();
        if (sig.htmlRegex() != null && !sig.htmlRegex().matcher(w.raw()).find()) {
            return null;
        }
        String matched = anchor;
        if (sig.regex() != null) {
            Matcher m = sig.regex().matcher(w.text());
            if (!m.find()) {
                return null;
            }
            matched = m.group();
            for (String name : groupNames.get(sig.id())) {
                String v = m.group(name);
                if (v != null) {
                    captures.put(name, Redactor.redact(v.strip()));
                }
            }
        }
        return new Confirmation(captures, matched);
    }

    private record Confirmation(Map<String, String> captures, String matched) {
    }

    private static String withCaptures(String evidence, Map<String, String> captures) {
        if (captures.isEmpty()) {
            return evidence;
        }
        StringBuilder b = new StringBuilder();
        captures.forEach((k, v) -> b.append(b.length() == 0 ? "[" : ", ").append(k).append('=').append(v));
        return b.append("] ").append(evidence).toString();
    }

    private static String collapse(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    /**
     * Identifies a hit for the baseline, stable across restarts and versions: the signature and the matched text,
     * case and whitespace folded.
     */
    static long fingerprint(String signature, String matched) {
        String key = signature + '\n' + Entities.decode(matched).toLowerCase(Locale.ROOT).replaceAll("\\s+", " ")
                .strip();
        long h = 0xcbf29ce484222325L;
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    private record Candidate(Signature sig, double score, List<String> reasons, String context, String evidence,
                             Map<String, String> captures, String matched) {
    }

    /** Bounded collection of automaton hits; counts what it had to leave out. */
    private static final class HitCollector implements AnchorAutomaton.HitSink {
        /** Most pages have no hit: the arrays start small and grow up to the capacity. */
        private static final int INITIAL = 8;
        final SignatureLibrary.Compiled compiled;
        private final int capacity;
        int[] patterns;
        int[] ends;
        int size;
        int dropped;
        boolean sawHtmlEnd;

        HitCollector(int capacity, SignatureLibrary.Compiled compiled) {
            this.compiled = compiled;
            this.capacity = capacity;
            patterns = new int[Math.min(INITIAL, capacity)];
            ends = new int[patterns.length];
        }

        int start(int i) {
            return Math.max(0, ends[i] - compiled.rawLength()[patterns[i]]);
        }

        @Override
        public boolean hit(int pattern, int end) {
            if (compiled.signature()[pattern] == SignatureLibrary.INTERNAL) {
                sawHtmlEnd = true;
                return true;
            }
            if (size == capacity) {
                dropped++;
                return true; // keep counting: the number dropped is reported
            }
            if (size == patterns.length) {
                int grown = Math.min(capacity, patterns.length * 2);
                patterns = Arrays.copyOf(patterns, grown);
                ends = Arrays.copyOf(ends, grown);
            }
            patterns[size] = pattern;
            ends[size++] = end;
            return true;
        }
    }
}
