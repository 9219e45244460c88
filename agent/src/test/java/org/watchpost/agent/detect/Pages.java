package org.watchpost.agent.detect;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.watchpost.protocol.PhaseTimings;
import org.watchpost.agent.probe.ProbeResult;

/** Builds probe results for detector tests, without a network. */
final class Pages {
    static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    static final URI URL = URI.create("https://www.example.org/news");

    /**
     * About 2,000 bytes of ordinary institutional prose. Signature examples write {@code PADDING} where a long,
     * healthy-looking page surrounds the text under test.
     */
    static final String PADDING = ("The Ministry publishes its annual report on water resources, with figures for "
            + "every region, the progress of the irrigation programme and the audit of last year's accounts. "
            + "Citizens can comment on the draft until the end of the month; the consultation meetings take place "
            + "in the regional offices and online. ").repeat(6);

    private Pages() {
    }

    static ProbeResult page(int status, String body) {
        return page(status, body, Map.of());
    }

    static ProbeResult page(int status, String body, Map<String, String> headers) {
        Map<String, List<String>> h = new LinkedHashMap<>();
        headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), List.of(v)));
        byte[] bytes = body.replace("PADDING", PADDING).getBytes(StandardCharsets.UTF_8);
        return new ProbeResult(NOW, URL, URL, 0, null, status, h, bytes, false, null, bytes.length,
                PhaseTimings.NONE, 1_000_000, null, null);
    }

    /** The founding case: a complete press page, then Drupal's error about the full watchdog table, with HTTP 200. */
    static String seedPage() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Press release | UNICRI"
                + "</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\n<body><header><nav><a href=\"/\">Home"
                + "</a> <a href=\"/news\">News</a></nav></header>\n<main><article><h1>UNICRI launches a new "
                + "programme on crime prevention</h1>\n<p>" + PADDING + "</p>\n<p>" + PADDING + "</p></article></main>"
                + "\n<footer>© UNICRI</footer>\n</body></html>\nThe website encountered an unexpected error. Please "
                + "try again later.<br><br><em class=\"placeholder\">Drupal\\Core\\Database\\DatabaseExceptionWrapper"
                + "</em>: SQLSTATE[HY000]: General error: 1114 The table &#039;watchdog&#039; is full: INSERT INTO "
                + "{watchdog} (uid, type, message, variables, severity, link, location, referer, hostname, timestamp) "
                + "VALUES (:db_insert_placeholder_0, :db_insert_placeholder_1); Array ( [:db_insert_placeholder_0] "
                + "=&gt; 0 ) in <em class=\"placeholder\">Drupal\\dblog\\Logger\\DbLog-&gt;log()</em> (line <em "
                + "class=\"placeholder\">78</em> of <em class=\"placeholder\">core/modules/dblog/src/Logger/DbLog.php"
                + "</em>).";
    }
}
