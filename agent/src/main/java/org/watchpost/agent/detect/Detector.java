package org.watchpost.agent.detect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.watchpost.agent.config.Expect;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Severity;
import org.watchpost.protocol.Verdict;

/**
 * Turns what a probe saw into a verdict: transport failures, structural checks (status, redirects, cut bodies,
 * expected text, certificate expiry) and the signature library, read in context.
 *
 * <p>Scoring of a signature hit: it starts at the signature's confidence and is adjusted by where the hit stands
 * (see {@link #score}). A hit counts when its score reaches {@link DetectorSettings#threshold()} and it is not part
 * of the target's baseline. The primary class of a result is the first class, in {@link FailureClass} declaration
 * order, among the findings of the worst verdict impact; ties go to the higher confidence.
 *
 * <p>Thread-safe and allocation-light when nothing is found: a healthy page costs one automaton pass.
 */
public final class Detector {
    static final int LONG_PAGE = 3000;
    static final int SHORT_PAGE = 1000;
    static final int DEEP = 1500;
    /** A page without its closing tag is cut off if it is shorter than this share of its usual size. */
    static final double INCOMPLETE_SHARE = 0.9;
    private static final int PER_SIGNATURE_HITS = 8;
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final SignatureLibrary library;
    private final DetectorSettings settings;
    private final Map<String, List<String>> groupNames = new LinkedHashMap<>();

    public Detector(SignatureLibrary library, DetectorSettings settings) {
        this.library = Objects.requireNonNull(library, "library");
        this.settings = Objects.requireNonNull(settings, "settings");
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

    public SignatureLibrary library() {
        return library;
    }

    /**
     * Classifies one probe.
     *
     * @param target   the target's name, or null for an ad-hoc classify
     * @param probe    what the prober saw
     * @param expect   what the target expects
     * @param baseline hits known to be the page's normal content
     * @param now      for certificate expiry
     */
    public Classification classify(String target, ProbeResult probe, Expect expect, Baseline baseline, Instant now) {
        List<Finding> findings = new ArrayList<>();
        List<Classification.Considered> considered = new ArrayList<>();
        List<Long> content = new ArrayList<>();
        Classification.PageFacts facts = Classification.PageFacts.NONE;
        int dropped = 0;
        if (!probe.responded()) {
            FailureClass fc = probe.failure().failureClass();
            findings.add(Finding.certain(fc, "transport." + fc.id(), Severity.CRITICAL, probe.failure().message(),
                    Hints.transport(fc)));
        } else {
            structural(probe, expect, now, findings);
            Scan scan = new Scan(probe, baseline, considered, content);
            dropped = scan.run();
            facts = scan.facts;
            findings.addAll(scan.findings);
            long typical = baseline.typicalClosedPageBytes();
            if (typical > 0 && facts.html() && !facts.closedHtml() && !probe.bodyCapped() && probe.bodyCut() == null
                    && probe.status() < 300 && probe.body().length < INCOMPLETE_SHARE * typical) {
                findings.add(Finding.certain(FailureClass.TRUNCATED, Hints.CHECK_PAGE_INCOMPLETE, Severity.ERROR,
                        "the page ends without </html> after " + probe.body().length + " bytes; it normally has about "
                                + typical + " and ends with </html>; it ends: " + tail(probe.body()),
                        Hints.PAGE_INCOMPLETE));
            }
        }
        return new Classification(result(target, probe, findings), considered, content, facts, dropped);
    }

    private CheckResult result(String target, ProbeResult probe, List<Finding> findings) {
        // A signature that yields to a class steps aside when another signature found that class on the page.
        List<Finding> yielding = new ArrayList<>();
        for (Finding f : findings) {
            Signature s = library.byId(f.signature());
            if (s != null && !s.yieldsTo().isEmpty() && findings.stream().anyMatch(o -> o != f
                    && s.yieldsTo().contains(o.failureClass()) && !o.signature().equals(f.signature()))) {
                yielding.add(f);
            }
        }
        findings.removeAll(yielding);
        boolean blocked = findings.stream().anyMatch(f -> f.failureClass() == FailureClass.BLOCKED);
        if (blocked) {
            // A WAF's refusal explains its status code: the page is degraded for the poller, not down for visitors.
            findings.removeIf(f -> f.signature().equals(Hints.CHECK_STATUS));
        }
        Verdict verdict = Verdict.UP;
        for (Finding f : findings) {
            verdict = verdict.worse(f.failureClass().impact().verdict());
        }
        Verdict v = verdict;
        findings.sort(Comparator.comparing((Finding f) -> f.failureClass().impact().verdict() != v)
                .thenComparing(f -> f.failureClass().priority())
                .thenComparing(Finding::confidence, Comparator.reverseOrder()));
        FailureClass primary = findings.isEmpty() ? null : findings.get(0).failureClass();
        return new CheckResult(target, probe.startedAt(), verdict, primary, probe.responded() ? probe.status() : null,
                findings, probe.durationNanos() / 1e9, probe.url().toString(),
                probe.finalUrl().equals(probe.url()) ? null : probe.finalUrl().toString(), Map.of(), probe.phases(),
                probe.redirects(), probe.responded() ? (long) probe.body().length : null,
                probe.tls() == null ? null : probe.tls().earliestNotAfter());
    }

    private void structural(ProbeResult probe, Expect expect, Instant now, List<Finding> findings) {
        if (probe.redirectError() != null) {
            findings.add(Finding.certain(FailureClass.HTTP_STATUS, Hints.CHECK_REDIRECT, Severity.ERROR,
                    probe.redirectError(), Hints.REDIRECT));
        } else if (!expect.statusAccepted(probe.status())) {
            String expected = expect.status().isEmpty() ? "2xx" : expect.status().toString();
            findings.add(Finding.certain(FailureClass.HTTP_STATUS, Hints.CHECK_STATUS,
                    probe.status() >= 500 ? Severity.CRITICAL : Severity.ERROR,
                    "HTTP " + probe.status() + " from " + probe.finalUrl() + " (expected " + expected + ")",
                    Hints.status(probe.status())));
        }
        if (probe.bodyCut() != null) {
            findings.add(Finding.certain(FailureClass.TRUNCATED, Hints.CHECK_BODY_CUT, Severity.ERROR,
                    "the body ended early after " + probe.body().length + " bytes: " + probe.bodyCut(),
                    Hints.BODY_CUT));
        }
        if (!expect.contains().isEmpty() || !expect.notContains().isEmpty()) {
            String page = Entities.decode(new String(probe.body(), StandardCharsets.UTF_8));
            for (String must : expect.contains()) {
                if (!page.contains(must)) {
                    findings.add(Finding.certain(FailureClass.CONTENT_MISSING, Hints.CHECK_CONTENT_MISSING,
                            Severity.ERROR, "expected text '" + must + "' is not on the page"
                                    + (probe.bodyCapped() ? " (only the first " + probe.body().length
                                    + " bytes were read)" : ""), Hints.CONTENT_MISSING));
                }
            }
            for (String mustNot : expect.notContains()) {
                int at = page.indexOf(mustNot);
                if (at >= 0) {
                    String around = TextWindow.ofText(page.substring(Math.max(0, at - 80),
                            Math.min(page.length(), at + mustNot.length() + 160))).text();
                    findings.add(Finding.certain(FailureClass.CONTENT_UNEXPECTED, Hints.CHECK_CONTENT_UNEXPECTED,
                            Severity.ERROR, "unwanted text '" + mustNot + "' is on the page: "
                                    + Redactor.redact(around), Hints.CONTENT_UNEXPECTED));
                }
            }
        }
        if (probe.tls() != null && probe.tls().earliestNotAfter() != null) {
            Instant expiry = probe.tls().earliestNotAfter();
            Duration left = Duration.between(now, expiry);
            if (left.compareTo(settings.tlsWarning()) < 0) {
                boolean leaf = expiry.equals(probe.tls().leafNotAfter());
                findings.add(Finding.certain(FailureClass.TLS_EXPIRING, Hints.CHECK_TLS_EXPIRING,
                        left.toDays() < 3 ? Severity.ERROR : Severity.WARNING,
                        (leaf ? "the certificate of " + probe.tls().leafSubject() : "a certificate in the chain")
                                + " expires " + expiry + " (in " + Math.max(0, left.toHours()) + " hours)",
                        Hints.TLS_EXPIRING));
            }
        }
    }

    /** One page's signature scan: collect hits, analyse their context once, score each signature's best hit. */
    private final class Scan {
        private final ProbeResult probe;
        private final Baseline baseline;
        private final List<Classification.Considered> considered;
        private final List<Long> content;
        final List<Finding> findings = new ArrayList<>();
        Classification.PageFacts facts = Classification.PageFacts.NONE;
        boolean closedHtml;

        Scan(ProbeResult probe, Baseline baseline, List<Classification.Considered> considered, List<Long> content) {
            this.probe = probe;
            this.baseline = baseline;
            this.considered = considered;
            this.content = content;
        }

        /** Returns the number of hits not examined because of the cap. */
        int run() {
            SignatureLibrary.Compiled body = library.body();
            byte[] page = probe.body();
            int dropped = 0;
            if (!body.isEmpty() && page.length > 0) {
                HitCollector hits = new HitCollector(settings.maxHits(), body.signature());
                body.automaton().scan(page, 0, page.length, hits);
                dropped = hits.dropped;
                closedHtml = hits.sawHtmlEnd;
                facts = new Classification.PageFacts("", 0, PageContext.looksLikeHtml(page), closedHtml);
                if (hits.size > 0) {
                    scoreBody(body, page, hits);
                }
            }
            SignatureLibrary.Compiled head = library.headers();
            if (!head.isEmpty() && !probe.headers().isEmpty()) {
                scoreHeaders(head);
            }
            return dropped;
        }

        private void scoreBody(SignatureLibrary.Compiled c, byte[] page, HitCollector hits) {
            int[] starts = new int[hits.size];
            for (int i = 0; i < hits.size; i++) {
                starts[i] = Math.max(0, hits.ends[i] - c.rawLength()[hits.patterns[i]]);
            }
            int[] sorted = Arrays.stream(starts).distinct().sorted().toArray();
            PageContext ctx = PageContext.analyze(page, sorted);
            facts = new Classification.PageFacts(Entities.decode(ctx.title()), ctx.visibleTotal(), ctx.isHtml(),
                    closedHtml);
            // Best hit per signature, examining at most a few hits of each.
            Map<Integer, Candidate> best = new LinkedHashMap<>();
            Map<Integer, Integer> examined = new LinkedHashMap<>();
            Integer[] order = new Integer[hits.size];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, Comparator.comparingInt(i -> hits.ends[i]));
            for (int i : order) {
                int pattern = hits.patterns[i];
                int sigIndex = c.signature()[pattern];
                if (examined.merge(sigIndex, 1, Integer::sum) > PER_SIGNATURE_HITS) {
                    continue;
                }
                Signature sig = library.signatures().get(sigIndex);
                if (!sig.appliesTo(probe.status())) {
                    continue;
                }
                Candidate cand = bodyCandidate(sig, c, pattern, starts[i], hits.ends[i], page, ctx);
                if (cand != null) {
                    best.merge(sigIndex, cand, (a, b) -> b.score > a.score ? b : a);
                }
            }
            best.values().forEach(this::decide);
        }

        private Candidate bodyCandidate(Signature sig, SignatureLibrary.Compiled c, int pattern, int start, int end,
                                        byte[] page, PageContext ctx) {
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
            double score = score(sig, flags, ctx, start, probe.status(), reasons);
            String context = describe(flags, ctx, start);
            String evidence = w.excerpt(w.locate(anchor), Finding.MAX_EVIDENCE_CHARS);
            return new Candidate(sig, score, reasons, context, evidence, ok.captures(), ok.matched());
        }

        private void scoreHeaders(SignatureLibrary.Compiled c) {
            StringBuilder block = new StringBuilder();
            probe.headers().forEach((name, values) -> values.forEach(v -> block.append(name).append(": ")
                    .append(v).append('\n')));
            byte[] bytes = block.toString().getBytes(StandardCharsets.UTF_8);
            HitCollector hits = new HitCollector(settings.maxHits(), c.signature());
            c.automaton().scan(bytes, 0, bytes.length, hits);
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
                if (probe.status() >= 400) {
                    score += 0.1;
                    reasons.add("+0.10 HTTP " + probe.status());
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

    /**
     * The score of a body hit. Starts at the signature's confidence; then, in this order:
     * <ul>
     *   <li>inside {@code <script>}, {@code <style>} or a comment (HTML-scope signatures only): −0.30;</li>
     *   <li>in the title: +0.15, but −0.40 on a long page that answered below 400 (an article about the error);</li>
     *   <li>unless the status is 500 or above (an error page showing its trace is not quoting): inside {@code <pre>},
     *       {@code <code>}, {@code <blockquote>} or {@code <textarea>}: −0.50 on a page with {@value #SHORT_PAGE}
     *       visible bytes or more, −0.20 on a shorter one — the page is probably quoting; otherwise inside a table
     *       cell or list item of a page with {@value #SHORT_PAGE} visible bytes or more: −0.40 (a knowledge-base
     *       table of messages, a status page's list of past incidents);</li>
     *   <li>after {@code </html>}: +0.20 (appended by a crash after the page was rendered); otherwise, deep inside a
     *       long page (more than {@value #DEEP} visible bytes on each side): −0.40;</li>
     *   <li>a short page (under {@value #SHORT_PAGE} visible bytes), i.e. the error is most of what a visitor sees:
     *       +0.10;</li>
     *   <li>an HTTP status of 500 or above: +0.10.</li>
     * </ul>
     * The result is clamped to 0..1.
     */
    static double score(Signature sig, int flags, PageContext ctx, int start, int status, List<String> reasons) {
        double score = sig.confidence();
        reasons.add(String.format(Locale.ROOT, "%.2f signature confidence", score));
        int total = ctx.visibleTotal();
        int before = ctx.visibleBefore(start);
        int after = Math.max(0, total - before);
        boolean longPage = total > LONG_PAGE;
        if ((flags & (PageContext.IN_SCRIPT | PageContext.IN_STYLE | PageContext.IN_COMMENT)) != 0) {
            score -= 0.30;
            reasons.add("-0.30 inside a script, style or comment");
        }
        boolean errorStatus = status >= 500;
        if ((flags & PageContext.IN_TITLE) != 0) {
            if (longPage && status < 400) {
                // An article about the error ("How to fix ORA-12541"), not an error page: those are short.
                score -= 0.40;
                reasons.add("-0.40 in the title of a long page that answered " + status);
            } else {
                score += 0.15;
                reasons.add("+0.15 in the page title");
            }
        }
        if ((flags & PageContext.QUOTING) != 0 && !errorStatus) {
            boolean article = total >= SHORT_PAGE;
            double d = article ? 0.50 : 0.20;
            score -= d;
            reasons.add(String.format(Locale.ROOT, "-%.2f quoted in <pre>/<code>/<blockquote>%s", d,
                    article ? " of a page with other content" : ""));
        } else if ((flags & PageContext.LISTED) != 0 && !errorStatus && total >= SHORT_PAGE) {
            score -= 0.40;
            reasons.add("-0.40 in a table cell or list item of a page with other content");
        }
        if ((flags & PageContext.AFTER_HTML_END) != 0) {
            score += 0.20;
            reasons.add("+0.20 after </html>: appended to a finished page");
        } else if (longPage && before > DEEP && after > DEEP && (flags & PageContext.IN_TITLE) == 0) {
            score -= 0.40;
            reasons.add("-0.40 deep inside a long page (" + before + " visible bytes before, " + after + " after)");
        }
        if (total < SHORT_PAGE) {
            score += 0.10;
            reasons.add("+0.10 short page (" + total + " visible bytes): the error is what visitors see");
        }
        if (status >= 500) {
            score += 0.10;
            reasons.add("+0.10 HTTP " + status);
        }
        return Math.max(0, Math.min(1, score));
    }

    /** Where a hit stood, in words, for the evidence context and {@code classify --format text}. */
    private static String describe(int flags, PageContext ctx, int start) {
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
        } else {
            parts.add("body text");
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

    /** The last words of a page, for evidence of where it was cut. */
    private static String tail(byte[] body) {
        int from = Math.max(0, body.length - 600);
        String text = TextWindow.toText(new String(body, from, body.length - from, StandardCharsets.UTF_8));
        String t = text.length() > 120 ? "…" + text.substring(text.length() - 120) : text;
        return "'" + Redactor.redact(t) + "'";
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
        final int[] patterns;
        final int[] ends;
        private final int[] signatureOf;
        int size;
        int dropped;
        boolean sawHtmlEnd;

        HitCollector(int capacity, int[] signatureOf) {
            patterns = new int[capacity];
            ends = new int[capacity];
            this.signatureOf = signatureOf;
        }

        @Override
        public boolean hit(int pattern, int end) {
            if (signatureOf[pattern] == SignatureLibrary.INTERNAL) {
                sawHtmlEnd = true;
                return true;
            }
            if (size == patterns.length) {
                dropped++;
                return true; // keep counting: the number dropped is reported
            }
            patterns[size] = pattern;
            ends[size++] = end;
            return true;
        }
    }
}
