package org.watchpost.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.watchpost.protocol.PhaseTimings;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.agent.probe.TlsInfo;
import org.watchpost.agent.probe.TransportFailure;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Verdict;

class DetectorTest {
    private static final SignatureLibrary LIBRARY = SignatureLibrary.builtIn();
    private final Detector detector = new Detector(LIBRARY, DetectorSettings.DEFAULTS);

    private Classification classify(ProbeResult r) {
        return detector.classify("t", r, Expect.DEFAULT, Baseline.NONE, Pages.NOW);
    }

    private CheckResult check(int status, String body) {
        return classify(Pages.page(status, body)).result();
    }

    @Test
    void seedPageIsDbStorageFullWithTheTableInTheEvidence() {
        CheckResult r = check(200, Pages.seedPage());

        assertThat(r.verdict()).isEqualTo(Verdict.DOWN);
        assertThat(r.primaryClass()).isEqualTo(FailureClass.DB_STORAGE_FULL);
        Finding primary = r.findings().get(0);
        assertThat(primary.signature()).isEqualTo("mysql.table_full");
        assertThat(primary.evidence()).contains("table=watchdog").contains("1114 The table 'watchdog' is full");
        assertThat(primary.evidence().length()).isLessThanOrEqualTo(Finding.MAX_EVIDENCE_CHARS);
        assertThat(primary.hint()).contains("'watchdog'");
        assertThat(primary.context()).contains("after </html>");
        // Drupal's own message is reported too, after the root cause.
        assertThat(r.findings()).extracting(Finding::signature).contains("drupal.unexpected_error");
    }

    @Test
    void healthyArticleIsUp() {
        CheckResult r = check(200, "<html><head><title>News</title></head><body><p>PADDING</p></body></html>");
        assertThat(r.verdict()).isEqualTo(Verdict.UP);
        assertThat(r.primaryClass()).isNull();
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void errorQuotedInPreOfLongArticleIsNotAFailure() {
        Classification c = classify(Pages.page(200, "<html><body><article><h1>Tuning MySQL</h1><p>PADDING</p>"
                + "<pre>ERROR 1114 (HY000): The table 'sessions' is full</pre><p>PADDING</p></article></body></html>"));
        assertThat(c.result().verdict()).isEqualTo(Verdict.UP);
        assertThat(c.considered()).singleElement().satisfies(k -> {
            assertThat(k.signature()).isEqualTo("mysql.table_full");
            assertThat(k.counted()).isFalse();
            assertThat(k.context()).contains("inside <pre>");
            assertThat(k.reasons()).anyMatch(s -> s.contains("quoted"));
        });
        assertThat(c.contentFingerprints()).hasSize(1);
    }

    @Test
    void anArticleAboutTheErrorIsNotTheError() {
        Classification c = classify(Pages.page(200, "<html><head><title>How to fix General error: 1114 The table "
                + "'sessions' is full</title></head><body><article><p>PADDING</p><p>PADDING</p></article></body></html>"));
        assertThat(c.result().verdict()).isEqualTo(Verdict.UP);
        assertThat(c.considered().get(0).reasons()).anyMatch(r -> r.contains("title of a long page"));
    }

    @Test
    void aTableOfMessagesOnALongPageIsDocumentation() {
        // A reference table has rows: one error alone in a cell or list item is a widget showing it (sidebars are lists).
        Classification c = classify(Pages.page(200, "<html><body><h1>Error messages</h1><table><tr><td>1114</td><td>"
                + "General error: 1114 The table 'x' is full</td></tr><tr><td>1040</td><td>SQLSTATE[HY000] [1040] Too "
                + "many connections</td></tr><tr><td>1205</td><td>Lock wait timeout exceeded; try restarting "
                + "transaction</td></tr></table><p>PADDING</p><p>PADDING</p></body></html>"));
        assertThat(c.result().verdict()).isEqualTo(Verdict.UP);
        assertThat(c.considered().get(0).context()).contains("table cell or list item");
    }

    @Test
    void aTraceInPreOfA500PageIsNotAQuote() {
        CheckResult r = check(500, "<html><body><h1>Server Error</h1><pre>SQLSTATE[HY000]: General error: 1114 The "
                + "table 'cache' is full\n" + "  at Db.query(Db.java:12)\n".repeat(60) + "</pre></body></html>");
        assertThat(r.primaryClass()).isEqualTo(FailureClass.DB_STORAGE_FULL);
    }

    @Test
    void baselineHitIsContent() {
        String body = "<html><body><h1>Help</h1><p>If you see SQLSTATE[HY000]: General error: 1114 The table 'cache' is "
                + "full, wait.</p></body></html>";
        Classification first = classify(Pages.page(200, body));
        assertThat(first.result().verdict()).isEqualTo(Verdict.DOWN);
        InMemoryBaseline baseline = new InMemoryBaseline();
        baseline.remember(first.considered().get(0).fingerprint());

        Classification again = detector.classify("t", Pages.page(200, body), Expect.DEFAULT, baseline, Pages.NOW);
        assertThat(again.result().verdict()).isEqualTo(Verdict.UP);
        assertThat(again.considered().get(0).verdict()).contains("seen while the target was up");
    }

    @Test
    void unexpectedStatusIsHttpStatusButASignatureIsPrimary() {
        CheckResult plain = check(503, "<html><body>Sorry</body></html>");
        assertThat(plain.primaryClass()).isEqualTo(FailureClass.HTTP_STATUS);
        assertThat(plain.findings().get(0).evidence()).contains("HTTP 503").contains("expected 2xx");

        CheckResult nginx = check(502, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center>"
                + "<h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>");
        assertThat(nginx.primaryClass()).isEqualTo(FailureClass.UPSTREAM_UNAVAILABLE);
        assertThat(nginx.findings()).extracting(Finding::failureClass)
                .containsExactly(FailureClass.UPSTREAM_UNAVAILABLE, FailureClass.HTTP_STATUS);
    }

    @Test
    void expectedStatusListIsHonoured() {
        Expect expect = new Expect(List.of(404), List.of(), List.of());
        CheckResult r = detector.classify("t", Pages.page(404, "<html>gone</html>"), expect, Baseline.NONE,
                Pages.NOW).result();
        assertThat(r.verdict()).isEqualTo(Verdict.UP);
    }

    @Test
    void containsAndNotContainsAfterEntityDecoding() {
        Expect expect = new Expect(List.of(), List.of("Ministère de l'Eau", "Contact"), List.of("Lorem ipsum"));
        CheckResult r = detector.classify("t", Pages.page(200,
                "<html><body><h1>Minist&egrave;re de l&#039;Eau</h1><p>Lorem ipsum dolor</p></body></html>"),
                expect, Baseline.NONE, Pages.NOW).result();
        assertThat(r.findings()).extracting(Finding::failureClass)
                .containsExactlyInAnyOrder(FailureClass.CONTENT_MISSING, FailureClass.CONTENT_UNEXPECTED);
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.evidence()).contains("'Contact'"));
    }

    @Test
    void transportFailureIsTheWholeStory() {
        ProbeResult r = new ProbeResult(Pages.NOW, Pages.URL, null, 0, null, -1, null, null, false, null, -1,
                PhaseTimings.NONE, 5, null, new TransportFailure(FailureClass.CONNECT, "Connection refused"));
        CheckResult c = classify(r).result();
        assertThat(c.verdict()).isEqualTo(Verdict.DOWN);
        assertThat(c.primaryClass()).isEqualTo(FailureClass.CONNECT);
        assertThat(c.status()).isNull();
        assertThat(c.findings().get(0).evidence()).isEqualTo("Connection refused");
    }

    @Test
    void bodyCutIsTruncated() {
        ProbeResult r = new ProbeResult(Pages.NOW, Pages.URL, null, 0, null, 200, Map.of(),
                "<html><body><p>half".getBytes(), false, "unexpected end of stream", 5000, PhaseTimings.NONE, 5,
                null, null);
        assertThat(classify(r).result().primaryClass()).isEqualTo(FailureClass.TRUNCATED);
    }

    @Test
    void aPageCutShortWithoutItsClosingTagIsTruncated() {
        String full = "<html><body><article><p>PADDING</p><p>PADDING</p></article></body></html>";
        long typical = Pages.page(200, full).body().length;
        Baseline shaped = new InMemoryBaseline() {
            @Override
            public long typicalClosedPageBytes() {
                return typical;
            }
        };
        ProbeResult cut = Pages.page(200, "<html><body><article><p>PADDING</p><p>The ministry announ");
        CheckResult r = detector.classify("t", cut, Expect.DEFAULT, shaped, Pages.NOW).result();
        assertThat(r.primaryClass()).isEqualTo(FailureClass.TRUNCATED);
        assertThat(r.findings().get(0).signature()).isEqualTo("check.page_incomplete");
        assertThat(r.findings().get(0).evidence()).contains("The ministry announ").contains("without </html>");

        ProbeResult newTemplate = Pages.page(200, "<html><body><article><p>PADDING</p><p>PADDING</p></article>x");
        assertThat(detector.classify("t", newTemplate, Expect.DEFAULT, shaped, Pages.NOW).result().verdict())
                .as("a full-size page without the tag is a new template, not a cut").isEqualTo(Verdict.UP);
        assertThat(detector.classify("t", cut, Expect.DEFAULT, Baseline.NONE, Pages.NOW).result().verdict())
                .as("without a known shape nothing is assumed").isEqualTo(Verdict.UP);
    }

    @Test
    void expiringCertificateDegrades() {
        TlsInfo tls = new TlsInfo(Pages.NOW.plus(Duration.ofDays(5)), Pages.NOW.plus(Duration.ofDays(5)), "TLSv1.3",
                "CN=www.example.org");
        ProbeResult r = new ProbeResult(Pages.NOW, URI.create("https://www.example.org/"), null, 0, null, 200,
                Map.of(), "<html>ok</html>".getBytes(), false, null, 15, PhaseTimings.NONE, 5, tls, null);
        CheckResult c = classify(r).result();
        assertThat(c.verdict()).isEqualTo(Verdict.DEGRADED);
        assertThat(c.primaryClass()).isEqualTo(FailureClass.TLS_EXPIRING);
        assertThat(c.findings().get(0).evidence()).contains("CN=www.example.org").contains("in 120 hours");
    }

    @Test
    void secretsAreRedactedFromEvidence() {
        CheckResult r = check(500, "<html><body>Warning: SQLSTATE[HY000]: General error: 1114 The table 'cache' is "
                + "full on mysql://drupal:s3cr3t@db.internal/site (password=hunter2) contact webmaster@example.org"
                + "</body></html>");
        String evidence = r.findings().stream().filter(f -> f.signature().equals("mysql.table_full"))
                .findFirst().orElseThrow().evidence();
        assertThat(evidence).doesNotContain("s3cr3t").doesNotContain("hunter2").doesNotContain("webmaster@")
                .contains("drupal:***@db.internal").contains("***@example.org");
    }

    @Test
    void explanationNamesContextAndScore() {
        Classification c = classify(Pages.page(200, Pages.seedPage()));
        Classification.Considered k = c.considered().stream()
                .filter(x -> x.signature().equals("mysql.table_full")).findFirst().orElseThrow();
        assertThat(k.counted()).isTrue();
        assertThat(k.verdict()).startsWith("score ");
        assertThat(k.reasons()).first().asString().contains("signature confidence");
        assertThat(c.page().title()).isEqualTo("Press release | UNICRI");
        assertThat(c.page().closedHtml()).isTrue();
    }

    /** Minimal baseline for tests. */
    static class InMemoryBaseline implements Baseline {
        private final java.util.Set<Long> set = new java.util.HashSet<>();

        @Override
        public boolean contains(long fingerprint) {
            return set.contains(fingerprint);
        }

        @Override
        public void remember(long fingerprint) {
            set.add(fingerprint);
        }
    }

    static Instant now() {
        return Pages.NOW;
    }
}
