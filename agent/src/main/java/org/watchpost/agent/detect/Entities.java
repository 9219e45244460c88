package org.watchpost.agent.detect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.parser.Parser;

/**
 * HTML character references, both ways.
 *
 * <p>Pages print error messages escaped in many ways: PHP's htmlspecialchars writes {@code &#039;}, Python
 * {@code &#x27;}, Java {@code &#39;}, and Drupal 7 escapes twice ({@code &amp;#039;}). Rather than decoding every
 * page before scanning it (which would cost a full copy per probe), each anchor is compiled in every spelling a
 * real stack produces; only the small window around a hit is decoded, for the confirming regex and the evidence.
 */
final class Entities {
    private static final Pattern LEFT_OVER_REFERENCE = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");

    /** How one escaper writes the characters that HTML text may not or need not contain raw. */
    private record Style(String apos, String quot, String amp, String lt, String gt) {
        String apply(String s) {
            StringBuilder b = new StringBuilder(s.length() + 16);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '\'' -> b.append(apos);
                    case '"' -> b.append(quot);
                    case '&' -> b.append(amp);
                    case '<' -> b.append(lt);
                    case '>' -> b.append(gt);
                    default -> b.append(c);
                }
            }
            return b.toString();
        }
    }

    private static final List<Style> STYLES = List.of(
            new Style("&#039;", "&quot;", "&amp;", "&lt;", "&gt;"),                  // PHP htmlspecialchars, Drupal
            new Style("'", "&quot;", "&amp;", "&lt;", "&gt;"),                       // ENT_COMPAT: PHP's error display
            new Style("&amp;#039;", "&amp;quot;", "&amp;amp;", "&amp;lt;", "&amp;gt;"), // escaped twice (Drupal 7)
            new Style("&#39;", "&quot;", "&amp;", "&lt;", "&gt;"),                   // Java, Ruby, many templates
            new Style("&#39;", "&#34;", "&amp;", "&lt;", "&gt;"),                    // Go html/template
            new Style("&#x27;", "&quot;", "&amp;", "&lt;", "&gt;"),                  // Python html.escape, Django
            new Style("&apos;", "&quot;", "&amp;", "&lt;", "&gt;"),                  // XHTML / XML serialisers
            new Style("\u2019", "\"", "&", "<", ">"));                               // typographic apostrophe

    private Entities() {
    }

    /** The anchor as written, then every distinct escaped spelling of it. */
    static List<String> spellings(String anchor) {
        Set<String> out = new LinkedHashSet<>();
        out.add(anchor);
        if (anchor.chars().anyMatch(c -> c == '\'' || c == '"' || c == '&' || c == '<' || c == '>')) {
            for (Style s : STYLES) {
                out.add(s.apply(anchor));
            }
        }
        return new ArrayList<>(out);
    }

    /**
     * Decodes character references, a second time when the first pass leaves references behind (text escaped
     * twice, as Drupal 7 does in its error messages).
     */
    static String decode(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        String once = Parser.unescapeEntities(s, false);
        if (once.indexOf('&') >= 0 && LEFT_OVER_REFERENCE.matcher(once).find()) {
            return Parser.unescapeEntities(once, false);
        }
        return once;
    }
}
