package org.watchpost.agent.detect;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Severity;

/**
 * The checks that need no signature: status and redirects, a body cut off by the connection, the target's
 * expectations (read in the page's own charset), certificate expiry, and the page's shape against its baseline (cut
 * off before {@code </html>}, or blank where it normally has content).
 */
final class StructuralChecks {
    /** A page without its closing tag is cut off if it is shorter than this share of its usual size. */
    static final double INCOMPLETE_SHARE = 0.9;
    /** A page is only examined for blankness when it is smaller than this share of its usual size. */
    static final double BLANK_SHARE = 0.5;

    private final DetectorSettings settings;

    StructuralChecks(DetectorSettings settings) {
        this.settings = settings;
    }

    /** Checks that read the response and the expectations. */
    void response(ProbeResult probe, PageText page, Expect expect, Instant now, List<Finding> findings) {
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
            expectations(probe, page, expect, findings);
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

    private void expectations(ProbeResult probe, PageText page, Expect expect, List<Finding> findings) {
        String text = Entities.decode(page.text());
        String read = page.charset().equals(StandardCharsets.UTF_8) ? "" : " (read as " + page.charset().name()
                + ", from the " + page.source() + ")";
        for (String must : expect.contains()) {
            if (!text.contains(must)) {
                findings.add(Finding.certain(FailureClass.CONTENT_MISSING, Hints.CHECK_CONTENT_MISSING,
                        Severity.ERROR, "expected text '" + must + "' is not on the page" + read
                                + (probe.bodyCapped() ? " (only the first " + probe.body().length
                                + " bytes were read)" : ""), Hints.CONTENT_MISSING));
            }
        }
        for (String mustNot : expect.notContains()) {
            int at = text.indexOf(mustNot);
            if (at >= 0) {
                String around = TextWindow.ofText(text.substring(Math.max(0, at - 80),
                        Math.min(text.length(), at + mustNot.length() + 160))).text();
                findings.add(Finding.certain(FailureClass.CONTENT_UNEXPECTED, Hints.CHECK_CONTENT_UNEXPECTED,
                        Severity.ERROR, "unwanted text '" + mustNot + "' is on the page: "
                                + Redactor.redact(around), Hints.CONTENT_UNEXPECTED));
            }
        }
    }

    /**
     * Checks of the page's shape against what the target's healthy page usually is: cut off before its closing tag,
     * or blank. Both cost nothing on a page of the usual size.
     */
    void shape(ProbeResult probe, PageText page, Classification.PageFacts facts, Baseline baseline,
               List<Finding> findings) {
        long typical = baseline.typicalClosedPageBytes();
        if (typical <= 0 || probe.status() >= 300 || probe.bodyCapped() || probe.bodyCut() != null) {
            return;
        }
        int length = probe.body().length;
        if (facts.html() && !facts.closedHtml() && length < INCOMPLETE_SHARE * typical) {
            findings.add(Finding.certain(FailureClass.TRUNCATED, Hints.CHECK_PAGE_INCOMPLETE, Severity.ERROR,
                    "the page ends without </html> after " + length + " bytes; it normally has about "
                            + typical + " and ends with </html>; it ends: " + tail(page.utf8()),
                    Hints.PAGE_INCOMPLETE));
            return;
        }
        DetectorSettings.BlankPage blank = settings.blank();
        if (typical >= blank.minTypicalBytes() && length <= blank.maxBodyBytes() && length < BLANK_SHARE * typical) {
            int visible = PageContext.analyze(page.utf8(), new int[0]).visibleTotal();
            if (visible < blank.maxVisibleBytes()) {
                findings.add(Finding.certain(FailureClass.CONTENT_MISSING, Hints.CHECK_PAGE_BLANK, Severity.CRITICAL,
                        "HTTP " + probe.status() + " with a blank page: " + length + " bytes, " + visible
                                + " of them visible text" + (visible > 0 ? " (" + tail(page.utf8()) + ")" : "")
                                + "; the healthy page has about " + typical + " bytes", Hints.PAGE_BLANK));
            }
        }
    }

    /** The last words of a page, for evidence of where it was cut. */
    static String tail(byte[] body) {
        int from = Math.max(0, body.length - 600);
        while (from > 0 && from < body.length && (body[from] & 0xC0) == 0x80) {
            from++; // never start mid-character
        }
        String text = TextWindow.toText(new String(body, from, body.length - from, StandardCharsets.UTF_8));
        String t = text.length() > 120 ? "…" + text.substring(text.length() - 120) : text;
        return "'" + Redactor.redact(t) + "'";
    }
}
