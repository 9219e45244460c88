package org.watchpost.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the charset of a page is decided, and that the text reads right whatever it was. */
class PageTextTest {
    private static final String TEXT = "Ministère de la Justice — Cour d'appel";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                                   | content-type                         | meta                                                                  | bytes as     | read as      | from
            nothing declared                          | ''                                   | ''                                                                    | UTF-8        | UTF-8        | default
            header                                    | text/html; charset=ISO-8859-1        | ''                                                                    | windows-1252 | windows-1252 | header
            header, quoted label                      | 'text/html; charset="windows-1251"'  | ''                                                                    | windows-1251 | windows-1251 | header
            meta charset                              | text/html                            | <meta charset="iso-8859-1">                                           | windows-1252 | windows-1252 | meta
            meta http-equiv                           | ''                                   | <meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">  | KOI8-R       | KOI8-R       | meta
            header wins over meta                     | text/html; charset=utf-8             | <meta charset="windows-1252">                                         | UTF-8        | UTF-8        | header
            unknown label falls back to UTF-8         | text/html; charset=x-nonsense        | ''                                                                    | UTF-8        | UTF-8        | default
            """)
    void decidesTheCharset(String what, String contentType, String meta, String encodeAs, String readAs,
                           String from) {
        byte[] body = ("<html><head>" + meta + "<title>t</title></head><body><p>" + TEXT.replace("—", "-")
                + "</p></body></html>").getBytes(Charset.forName(encodeAs));
        PageText p = PageText.of(body, contentType.isEmpty() ? Map.of() : Map.of("content-type", List.of(contentType)));
        assertThat(p.charset().name()).as(what).isEqualTo(Charset.forName(readAs).name());
        assertThat(p.source()).as(what).isEqualTo(from);
        if (Charset.forName(encodeAs).newEncoder().canEncode("è")) {
            assertThat(p.text()).as(what).contains("Ministère de la Justice");
        }
    }

    @Test
    void aByteOrderMarkWinsAndIsNotPartOfTheText() {
        for (Charset cs : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_8)) {
            byte[] body = ("\uFEFF<p>" + TEXT + "</p>").getBytes(cs);
            PageText p = PageText.of(body, Map.of("content-type", List.of("text/html; charset=ISO-8859-1")));
            assertThat(p.source()).isEqualTo("bom");
            assertThat(p.text()).isEqualTo("<p>" + TEXT + "</p>");
        }
    }

    @Test
    void aUtf8OrPureAsciiPageIsScannedWithoutACopy() {
        byte[] utf8 = ("<p>" + TEXT + "</p>").getBytes(StandardCharsets.UTF_8);
        assertThat(PageText.of(utf8, Map.of()).utf8()).isSameAs(utf8);
        byte[] ascii = "<p>Ministere</p>".getBytes(StandardCharsets.US_ASCII);
        assertThat(PageText.of(ascii, Map.of("content-type", List.of("text/html; charset=ISO-8859-1"))).utf8())
                .isSameAs(ascii);
        byte[] latin1 = ("<p>" + "Ministère" + "</p>").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(PageText.of(latin1, Map.of("content-type", List.of("text/html; charset=ISO-8859-1"))).utf8())
                .isEqualTo("<p>Ministère</p>".getBytes(StandardCharsets.UTF_8));
    }
}
