package org.watchpost.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.watchpost.protocol.PhaseTimings;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Finding;
import org.watchpost.protocol.Verdict;

/**
 * The detector on pages of the sizes institutional sites have (30–150 KB): a failure is found wherever it stands
 * (top, sidebar widget, mid-article, after the footer), a page about a failure is not one, what a visitor cannot
 * see does not count, pages are read in their charset, and a blank page is reported against its baseline.
 */
class DetectorContextTest {
    private final Detector detector = new Detector(SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS);

    enum Position { TOP, SIDEBAR_WIDGET, MID_ARTICLE, AFTER_FOOTER }

    /** Failures as the stacks print them inline, and the class each must get. */
    static final Map<String, FailureClass> FAILURES = new LinkedHashMap<>();

    static {
        FAILURES.put("The website encountered an unexpected error. Please try again later.<br><br><em class=\"placeholder\">"
                + "Drupal\\Core\\Database\\DatabaseExceptionWrapper</em>: SQLSTATE[HY000]: General error: 1114 The "
                + "table &#039;watchdog&#039; is full: INSERT INTO {watchdog} (uid, type, message) VALUES "
                + "(:db_insert_placeholder_0); in <em class=\"placeholder\">Drupal\\dblog\\Logger\\DbLog-&gt;log()"
                + "</em> (line <em class=\"placeholder\">78</em> of <em class=\"placeholder\">"
                + "core/modules/dblog/src/Logger/DbLog.php</em>).", FailureClass.DB_STORAGE_FULL);
        FAILURES.put("<div id=\"error\"><p class=\"wpdberror\"><strong>WordPress database error:</strong> [Table "
                + "&#039;wp.wp_em_events&#039; doesn&#039;t exist]<br /><code>SELECT * FROM wp_em_events WHERE "
                + "event_status=1</code></p></div>", FailureClass.DB_INTEGRITY);
        FAILURES.put("<br />\n<b>Fatal error</b>:  Uncaught PDOException: SQLSTATE[HY000] [2002] Connection refused in "
                + "/var/www/html/inc/db.php:12\nStack trace:\n#0 /var/www/html/inc/db.php(12): PDO-&gt;__construct()\n"
                + "#1 {main}\n  thrown in <b>/var/www/html/inc/db.php</b> on line <b>12</b><br />",
                FailureClass.DB_CONNECTION);
        FAILURES.put("<br />\n<b>Warning</b>:  mysqli_connect(): (HY000/1040): Too many connections in "
                + "<b>/var/www/html/inc/events.php</b> on line <b>8</b><br />", FailureClass.DB_OVERLOADED);
        FAILURES.put("<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes exhausted (tried to "
                + "allocate 20480 bytes) in <b>/var/www/html/wp-includes/class-wpdb.php</b> on line <b>2187</b><br />",
                FailureClass.APP_RESOURCE_EXHAUSTED);
    }

    static Stream<Arguments> embedded() {
        return FAILURES.entrySet().stream().flatMap(e -> Stream.of(30, 150).flatMap(kb -> Stream.of(Position.values())
                .map(p -> Arguments.of(kb, p, e.getKey(), e.getValue()))));
    }

    @ParameterizedTest(name = "{0} KB, {1}, {3}")
    @MethodSource("embedded")
    void findsAFailureWhereverItStandsOnALongPage(int kb, Position position, String failure, FailureClass expected) {
        String page = institutionalPage(kb * 1024, position, failure);
        CheckResult r = classify(200, page);
        assertThat(r.verdict()).as(findings(r)).isNotEqualTo(Verdict.UP);
        assertThat(r.findings()).extracting(Finding::failureClass).as(findings(r)).contains(expected);
    }

    static Stream<Arguments> lookalikes() {
        return Stream.of(
                Arguments.of("knowledge-base article with the message as a section heading", "<h2>Error establishing a "
                        + "database connection</h2><p>This message means that WordPress could not reach its database "
                        + "server. Check the credentials in wp-config.php first.</p>"),
                Arguments.of("Q&A question quoting the message", "<div class=\"question\"><p>Since this morning my "
                        + "site shows “Error establishing a database connection” on every page. What can I do?</p></div>"),
                Arguments.of("Q&A answer quoting with ASCII quotes", "<p>If you see \"The website encountered an "
                        + "unexpected error. Please try again later.\", read the log at /admin/reports/dblog.</p>"),
                Arguments.of("blog post telling what happened", "<p>Last night our site showed Error establishing a "
                        + "database connection for an hour, until the host restarted MySQL.</p>"),
                Arguments.of("changelog list of fixed errors", "<h2>Changes in 3.2</h2><ul><li>Fixed: Allowed memory "
                        + "size of 134217728 bytes exhausted when exporting large reports.</li><li>Fixed: Too many "
                        + "connections when the scheduler ran twice.</li><li>Fixed: Error establishing a database "
                        + "connection after a password change.</li></ul>"),
                Arguments.of("documentation of a message template", "<p>The message reads: Allowed memory size of %d "
                        + "bytes exhausted (tried to allocate %d bytes). It names the limit set by memory_limit.</p>"),
                Arguments.of("template with hidden error markup", "<div class=\"wp-die-message\" hidden><h1>Error "
                        + "establishing a database connection</h1></div><template id=\"db-error\"><p "
                        + "class=\"wpdberror\"><strong>WordPress database error:</strong> [{message}]</p></template>"),
                Arguments.of("error box shown only by a script", "<div class=\"alert\" style=\"display: none\" "
                        + "aria-hidden=\"true\">The website encountered an unexpected error. Please try again "
                        + "later.</div>"),
                Arguments.of("noscript notice", "<noscript><p>Error establishing a database connection? No: you "
                        + "only need to enable JavaScript.</p></noscript>"),
                Arguments.of("error quoted in pre", "<p>The log showed:</p><pre>PHP Fatal error:  Uncaught "
                        + "PDOException: SQLSTATE[HY000] [2002] Connection refused in /var/www/html/inc/db.php:12</pre>"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lookalikes")
    void aLongPageAboutAnErrorIsUp(String what, String snippet) {
        for (int kb : new int[] {30, 150}) {
            CheckResult r = classify(200, institutionalPage(kb * 1024, Position.MID_ARTICLE, snippet));
            assertThat(r.verdict()).as(kb + " KB: " + findings(r)).isEqualTo(Verdict.UP);
        }
    }

    @Test
    void aCrashPageWrappingADatabaseErrorNamesTheDatabase() {
        String tomcat = "<!doctype html><html lang=\"en\"><head><title>HTTP Status 500 – Internal Server Error</title>"
                + "</head><body><h1>HTTP Status 500 – Internal Server Error</h1><hr class=\"line\" /><p><b>Type</b> "
                + "Exception Report</p><p><b>Message</b> Request processing failed: org.springframework.jdbc."
                + "CannotGetJdbcConnectionException: Failed to obtain JDBC Connection</p><p><b>Description</b> The "
                + "server encountered an unexpected condition that prevented it from fulfilling the request.</p><p><b>"
                + "Exception</b></p><pre>jakarta.servlet.ServletException: Request processing failed: org.springframework"
                + ".jdbc.CannotGetJdbcConnectionException: Failed to obtain JDBC Connection\n\torg.springframework.web."
                + "servlet.FrameworkServlet.processRequest(FrameworkServlet.java:1022)\n</pre><p><b>Root Cause</b></p>"
                + "<pre>org.postgresql.util.PSQLException: Connection to localhost:5432 refused. Check that the "
                + "hostname and port are correct and that the postmaster is accepting TCP/IP connections.\n\torg."
                + "postgresql.core.v3.ConnectionFactoryImpl.openConnectionImpl(ConnectionFactoryImpl.java:346)\n</pre>"
                + "<hr class=\"line\" /><h3>Apache Tomcat/10.1.60 (Debian)</h3></body></html>";
        CheckResult r = classify(500, tomcat);
        assertThat(r.primaryClass()).as(findings(r)).isEqualTo(FailureClass.DB_CONNECTION);
        assertThat(r.findings()).extracting(Finding::failureClass).as(findings(r)).contains(FailureClass.APP_ERROR);
    }

    @Test
    void anIso88591PageMatchesItsExpectationsAndReadsInEvidence() {
        String html = "<html><head><title>Ministère de la Justice</title></head><body><h1>Ministère de la Justice"
                + "</h1><p>" + Pages.PADDING + "</p></body></html>";
        byte[] latin1 = html.getBytes(StandardCharsets.ISO_8859_1);
        Expect expect = new Expect(List.of(), List.of("Ministère de la Justice"), List.of());
        CheckResult r = classify(200, latin1, Map.of("Content-Type", "text/html; charset=ISO-8859-1"), expect);
        assertThat(r.verdict()).as(findings(r)).isEqualTo(Verdict.UP);

        // Declared only in <meta http-equiv>, as older sites do, and with a failure whose evidence must read right.
        String down = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">"
                + "<title>Maintenance</title></head><body id=\"error-page\"><div class=\"wp-die-message\">"
                + "Indisponibilité temporaire pour cause de maintenance. Veuillez revenir dans un instant.</div>"
                + "</body></html>";
        CheckResult m = classify(503, down.getBytes(Charset.forName("windows-1252")), Map.of(), expect);
        assertThat(m.primaryClass()).as(findings(m)).isEqualTo(FailureClass.MAINTENANCE);
        assertThat(m.findings().get(0).evidence()).contains("Indisponibilité temporaire");
        assertThat(m.findings()).extracting(Finding::evidence).allMatch(e -> !e.contains("\uFFFD"));
        assertThat(m.findings()).filteredOn(f -> f.failureClass() == FailureClass.CONTENT_MISSING)
                .extracting(Finding::evidence).allMatch(e -> e.contains("read as windows-1252, from the meta"));
    }

    @Test
    void windows1251AndUtf16PagesAreReadInTheirCharset() {
        String ru = "<!DOCTYPE html><html lang=\"ru-RU\"><head><meta charset=\"windows-1251\"><title>Ошибка базы данных"
                + "</title></head><body id=\"error-page\"><div class=\"wp-die-message\"><h1>Ошибка установки "
                + "соединения с базой данных</h1></div></body></html>";
        CheckResult r = classify(500, ru.getBytes(Charset.forName("windows-1251")), Map.of(), Expect.DEFAULT);
        assertThat(r.primaryClass()).as(findings(r)).isEqualTo(FailureClass.DB_CONNECTION);
        assertThat(r.findings().get(0).evidence()).contains("Ошибка установки соединения с базой данных");

        String en = "<html><body id=\"error-page\"><div class=\"wp-die-message\"><h1>Error establishing a database "
                + "connection</h1></div></body></html>";
        byte[] utf16 = ("\uFEFF" + en).getBytes(StandardCharsets.UTF_16LE);
        CheckResult u = classify(500, utf16, Map.of(), Expect.DEFAULT);
        assertThat(u.primaryClass()).as(findings(u)).isEqualTo(FailureClass.DB_CONNECTION);
        assertThat(u.findings().get(0).evidence()).contains("Error establishing a database connection");
    }

    @Test
    void aBlankPageWhereTheBaselineHadContentIsDown() {
        Baseline usual = new DetectorTest.InMemoryBaseline() {
            @Override
            public long typicalClosedPageBytes() {
                return 48_000;
            }
        };
        for (String blank : new String[] {"", "\n", "<html><head><title></title></head><body>\n</body></html>"}) {
            CheckResult r = classify(200, blank.getBytes(StandardCharsets.UTF_8), Map.of(), Expect.DEFAULT, usual);
            assertThat(r.verdict()).as("'" + blank + "': " + findings(r)).isEqualTo(Verdict.DOWN);
            assertThat(r.primaryClass()).isEqualTo(FailureClass.CONTENT_MISSING);
            assertThat(r.findings().get(0).signature()).isEqualTo("check.page_blank");
            assertThat(r.findings().get(0).evidence()).contains("blank page").contains("48000");
        }
        // A short page with real text is not blank, and without a baseline nothing is known.
        CheckResult shortPage = classify(200, ("<html><body><p>" + "Office hours are Monday to Friday. ".repeat(4)
                + "</p></body></html>").getBytes(StandardCharsets.UTF_8), Map.of(), Expect.DEFAULT, usual);
        assertThat(shortPage.verdict()).as(findings(shortPage)).isEqualTo(Verdict.UP);
        assertThat(classify(200, new byte[0], Map.of(), Expect.DEFAULT).verdict()).isEqualTo(Verdict.UP);
    }

    @Test
    void aHealthyPageHasNoHitAtAll() {
        Classification c = detector.classify("t", probe(200, institutionalPage(150 * 1024, Position.TOP, "")
                .getBytes(StandardCharsets.UTF_8), Map.of()), Expect.DEFAULT, Baseline.NONE, Pages.NOW);
        assertThat(c.considered()).isEmpty();
        assertThat(c.result().verdict()).isEqualTo(Verdict.UP);
    }

    // --- helpers ---

    private CheckResult classify(int status, String body) {
        return classify(status, body.getBytes(StandardCharsets.UTF_8), Map.of(), Expect.DEFAULT);
    }

    private CheckResult classify(int status, byte[] body, Map<String, String> headers, Expect expect) {
        return classify(status, body, headers, expect, Baseline.NONE);
    }

    private CheckResult classify(int status, byte[] body, Map<String, String> headers, Expect expect,
                                 Baseline baseline) {
        return detector.classify("t", probe(status, body, headers), expect, baseline, Pages.NOW).result();
    }

    private static ProbeResult probe(int status, byte[] body, Map<String, String> headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(java.util.Locale.ROOT), List.of(v)));
        return new ProbeResult(Pages.NOW, Pages.URL, Pages.URL, 0, null, status, h, body, false, null, body.length,
                PhaseTimings.NONE, 1_000_000, null, null);
    }

    private static String findings(CheckResult r) {
        return r.verdict() + " " + r.findings().stream().map(f -> f.failureClass().id() + " " + f.signature() + " "
                + f.confidence() + " [" + f.context() + "]").toList();
    }

    private static final String[] PARAGRAPHS = {
        "The Ministry publishes its annual report on water resources, with figures for every region, the progress "
                + "of the irrigation programme and the audit of last year's accounts.",
        "Citizens can comment on the draft until the end of the month; the consultation meetings take place in the "
                + "regional offices and online, and every contribution is answered in the final report.",
        "The <a href=\"/programmes/schools\">schools programme</a> reached 412 schools this year. Teachers received "
                + "<strong>training</strong> in 38 districts, and the evaluation will be published in spring.",
        "Le ministère publie chaque année son rapport sur les ressources en eau, avec des chiffres pour chaque "
                + "région et l'état d'avancement du programme d'irrigation.",
        "El ministerio publica su informe anual sobre los recursos hídricos, con cifras para cada región y el "
                + "avance del programa de riego.",
    };

    /**
     * A press page of about {@code bytes} bytes as a CMS renders it: head, navigation, an article of paragraphs, a
     * sidebar of widgets (a list, as WordPress and Drupal themes write it) and a footer; {@code snippet} goes where
     * {@code position} says.
     */
    static String institutionalPage(int bytes, Position position, String snippet) {
        StringBuilder article = new StringBuilder();
        StringBuilder b = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Annual report on water resources | Ministry of Environment</title><link rel=\"stylesheet\" "
                + "href=\"/css/site.css\"><script src=\"/js/site.js\" defer></script></head>\n<body class=\"page\">");
        if (position == Position.TOP) {
            b.append(snippet);
        }
        b.append("<header><nav><ul class=\"menu\"><li><a href=\"/\">Home</a></li><li><a href=\"/news\">News</a></li>"
                + "<li><a href=\"/publications\">Publications</a></li><li><a href=\"/contact\">Contact</a></li></ul>"
                + "</nav></header>\n<main><article><h1>Annual report on water resources</h1>\n");
        int target = Math.max(2000, bytes - 3000);
        int i = 0;
        while (article.length() < target) {
            if (position == Position.MID_ARTICLE && article.length() >= target / 2 && article.indexOf("<!--mid-->") < 0) {
                article.append("<!--mid--><div class=\"notice\">").append(snippet).append("</div>\n");
            }
            if (i % 7 == 6) {
                article.append("<h2>Section ").append(i / 7 + 1).append("</h2>\n");
            }
            article.append("<p>").append(PARAGRAPHS[i % PARAGRAPHS.length]).append("</p>\n");
            i++;
        }
        b.append(article).append("</article>\n<aside class=\"sidebar\"><ul class=\"widgets\"><li class=\"widget\">"
                + "<h3>Upcoming events</h3>");
        if (position == Position.SIDEBAR_WIDGET) {
            b.append(snippet);
        } else {
            b.append("<p>Public consultation, 14 March, regional office.</p>");
        }
        b.append("</li><li class=\"widget\"><h3>Follow us</h3><p>Newsletter and feeds.</p></li></ul></aside></main>\n"
                + "<footer><p>© Ministry of Environment · <a href=\"/legal\">Legal notice</a></p></footer>\n"
                + "</body></html>\n");
        if (position == Position.AFTER_FOOTER) {
            b.append(snippet);
        }
        return b.toString();
    }
}
