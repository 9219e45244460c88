package org.watchpost.agent.eval;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.watchpost.agent.testpages.InstitutionalPage;

/**
 * Realistic host pages (the institutional page generator shared with bench/) and the four places a failure snippet
 * goes in them. The generator's own markup marks the places, so the page around a snippet stays what it was.
 */
final class HostPages {
    /** The page sizes of the size set: the range of real institutional pages. */
    static final List<Integer> SIZES = List.of(30_000, 60_000, 100_000, 150_000);
    /** A snippet longer than this (Django's technical pages run to 60 KB and more) is cut at a tag boundary. */
    static final int MAX_SNIPPET_CHARS = 16_000;

    /** What came after a page's end is kept up to this much; PHP's fatal errors there are a few hundred bytes. */
    static final int MAX_TAIL_CHARS = 4_000;
    private static final Pattern BODY_OPEN = Pattern.compile("(?i)<body\\b[^>]*>");
    private static final Pattern CLOSING = Pattern.compile("(?i)</body>|</html>");
    private static final Pattern SHELL = Pattern.compile(
            "(?is)<!doctype[^>]*>|</?html\\b[^>]*>|<head\\b[^>]*>.*?</head>|<title\\b[^>]*>.*?</title>|<meta\\b[^>]*>");

    enum Position {
        TOP("top of the page"),
        SIDEBAR("sidebar widget"),
        MID_ARTICLE("mid-article"),
        AFTER_FOOTER("after </html>");

        final String label;

        Position(String label) {
            this.label = label;
        }
    }

    private HostPages() {
    }

    static String band(int size) {
        return (size / 1000) + " KB";
    }

    static String page(int size) {
        return new String(InstitutionalPage.generate(size, InstitutionalPage.SEED + size), StandardCharsets.UTF_8);
    }

    /**
     * What a visitor sees of a failure page, to embed elsewhere: the inside of its {@code <body>} and whatever came
     * after its end (PHP's fatal error after {@code </html>}, the founding case), or, for a page without a body, the
     * page without its doctype, head, title and meta tags. A long inside is cut at a tag boundary to leave the end
     * whole.
     */
    static String snippet(String failurePage) {
        Matcher m = BODY_OPEN.matcher(failurePage);
        if (!m.find()) {
            return cut(SHELL.matcher(failurePage).replaceAll("").strip(), MAX_SNIPPET_CHARS);
        }
        String rest = failurePage.substring(m.end());
        String lower = rest.toLowerCase(Locale.ROOT);
        int close = lower.lastIndexOf("</body>");
        String inside = close < 0 ? rest : rest.substring(0, close);
        String after = close < 0 ? "" : CLOSING.matcher(rest.substring(close)).replaceAll("").strip();
        after = cut(after, MAX_TAIL_CHARS);
        return (cut(inside.strip(), MAX_SNIPPET_CHARS - after.length()) + (after.isEmpty() ? "" : "\n" + after)).strip();
    }

    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int at = s.lastIndexOf('<', max);
        return s.substring(0, at > 0 ? at : max);
    }

    static String embed(String host, String snippet, Position where) {
        return switch (where) {
            case TOP -> insertAfterTag(host, "<body", snippet);
            case SIDEBAR -> insertAfterTag(host, "<aside", "<section class=\"block block-views\"><h2 class=\"block-title\">"
                    + "Upcoming events</h2><div class=\"view-content\">" + snippet + "</div></section>");
            case MID_ARTICLE -> midArticle(host, snippet);
            case AFTER_FOOTER -> {
                int end = host.toLowerCase(Locale.ROOT).lastIndexOf("</html>");
                if (end < 0) {
                    throw new IllegalArgumentException("the host page has no </html>");
                }
                int after = end + "</html>".length();
                yield host.substring(0, after) + "\n" + snippet + host.substring(after);
            }
        };
    }

    private static String insertAfterTag(String host, String tagStart, String insert) {
        int at = host.indexOf(tagStart);
        if (at < 0) {
            throw new IllegalArgumentException("the host page has no " + tagStart + ">");
        }
        int close = host.indexOf('>', at) + 1;
        return host.substring(0, close) + "\n" + insert + "\n" + host.substring(close);
    }

    /**
     * After the article paragraph closest to the middle of the article column: a paragraph of the article itself
     * (a line of its own), not one inside a pull quote or a news card, where the page would be quoting.
     */
    private static String midArticle(String host, String snippet) {
        int start = host.indexOf("<section class=\"col-sm-9\">");
        int end = start < 0 ? -1 : host.indexOf("<aside", start);
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException("the host page has no article column");
        }
        int middle = (start + end) / 2;
        int best = -1;
        for (int p = host.indexOf("</p>\n", start); p >= 0 && p < end; p = host.indexOf("</p>\n", p + 1)) {
            int lineStart = host.lastIndexOf('\n', p) + 1;
            if (host.startsWith("<p", lineStart) && (best < 0 || Math.abs(p - middle) < Math.abs(best - middle))) {
                best = p;
            }
        }
        if (best < 0) {
            throw new IllegalArgumentException("the host page's article has no paragraph of its own");
        }
        int at = best + "</p>\n".length();
        return host.substring(0, at) + snippet + "\n" + host.substring(at);
    }
}
