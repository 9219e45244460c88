package org.watchpost.agent.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Snippets land where the report says they are, and transcoded pages say what they said. */
class HostPagesTest {
    private static final String SNIPPET = "<p>SQLSTATE[HY000] [2002] Connection refused</p>";

    @Test
    void aSnippetIsWhatTheVisitorSawOfTheFailurePage() {
        assertThat(HostPages.snippet("<!DOCTYPE html><html><head><title>502</title></head><body class=\"x\">\n"
                + "<h1>502 Bad Gateway</h1>\n</body></html>")).isEqualTo("<h1>502 Bad Gateway</h1>");
        assertThat(HostPages.snippet("<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n"
                + "<h1>Internal Server Error</h1>")).isEqualTo("<h1>Internal Server Error</h1>");
        assertThat(HostPages.snippet("<html><body><article><p>Press release</p></article></body>\n</html>\n"
                + "<b>Fatal error</b>: Uncaught PDOException: SQLSTATE[HY000]: General error: 1114"))
                .isEqualTo("<article><p>Press release</p></article>\n<b>Fatal error</b>: Uncaught PDOException:"
                        + " SQLSTATE[HY000]: General error: 1114");
    }

    @Test
    void eachPositionIsWhereItsNameSays() {
        String host = HostPages.page(30_000);
        String top = HostPages.embed(host, SNIPPET, HostPages.Position.TOP);
        assertThat(top.indexOf(SNIPPET)).isGreaterThan(top.indexOf("<body")).isLessThan(top.indexOf("<header"));
        String side = HostPages.embed(host, SNIPPET, HostPages.Position.SIDEBAR);
        assertThat(side.indexOf(SNIPPET)).isGreaterThan(side.indexOf("<aside")).isLessThan(side.indexOf("</aside>"));
        String mid = HostPages.embed(host, SNIPPET, HostPages.Position.MID_ARTICLE);
        int at = mid.indexOf(SNIPPET);
        int articleStart = mid.indexOf("<section class=\"col-sm-9\">");
        int articleEnd = mid.indexOf("<aside");
        assertThat(at).isBetween(articleStart + (articleEnd - articleStart) / 4,
                articleEnd - (articleEnd - articleStart) / 4);
        assertThat(mid.substring(at - 5, at)).isEqualTo("</p>\n");
        String before = mid.substring(0, at);
        assertThat(count(before, "<blockquote")).as("not inside a pull quote").isEqualTo(count(before, "</blockquote>"));
        String after = HostPages.embed(host, SNIPPET, HostPages.Position.AFTER_FOOTER);
        assertThat(after.indexOf(SNIPPET)).isGreaterThan(after.lastIndexOf("</html>"));
        for (String page : new String[] {top, mid, after}) { // the widget adds its own frame around the snippet
            assertThat(page.replace(SNIPPET, "").replace("\n\n", "\n")).isEqualToIgnoringWhitespace(host);
        }
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aCharacterTheCharsetLacksBecomesAReference() {
        byte[] latin1 = EncodedPages.encode("Ministère — Министерство", Charset.forName("ISO-8859-1"));
        assertThat(new String(latin1, StandardCharsets.ISO_8859_1))
                .isEqualTo("Ministère &#8212; &#1052;&#1080;&#1085;&#1080;&#1089;&#1090;&#1077;&#1088;&#1089;&#1090;"
                        + "&#1074;&#1086;");
        byte[] cp1251 = EncodedPages.encode("Министерство", Charset.forName("windows-1251"));
        assertThat(cp1251).hasSize("Министерство".length());
        assertThat(new String(cp1251, Charset.forName("windows-1251"))).isEqualTo("Министерство");
        byte[] utf16 = EncodedPages.encode("é", StandardCharsets.UTF_16);
        assertThat(utf16).containsExactly(0xFE, 0xFF, 0x00, 0xE9);
    }
}
