package org.watchpost.agent.detect;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Scores one signature hit by where it stands: whether the page <i>is</i> an error (or ends in one) or is <i>about</i>
 * one. Size alone decides nothing: an error in a sidebar widget of a 150 KB page counts as much as a bare error
 * page, and an article quoting the message is content whatever its length. What decides is what a visitor sees
 * around the message: hidden markup, quotation marks, placeholders, a sentence of prose, a quoting element, a table
 * of codes, a title or heading over a long article. Every weight is a named {@link ScoringSettings} value.
 */
final class ContextScorer {
    /** printf, Python and .NET/ICU placeholders: a message template, not a message. */
    private static final Pattern PLACEHOLDER =
            Pattern.compile("%(?:\\d+\\$)?[sd](?![0-9a-fA-F])|%\\([a-z_]+\\)[sd]|\\{\\d}|\\{\\{\\s*\\w+\\s*}}");
    /** A word of prose: letters, with an apostrophe or hyphen inside, and perhaps a comma after it. */
    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:['’-]\\p{L}+)*,?");
    private static final String OPENING = "\"“«„‘‹「";
    private static final String CLOSING = "\"”»“’›」";

    private final ScoringSettings s;

    ContextScorer(ScoringSettings settings) {
        this.s = Objects.requireNonNull(settings, "settings");
    }

    /**
     * What is known about one hit.
     *
     * @param flags          {@link PageContext} flags at the hit
     * @param visibleTotal   visible bytes of the page
     * @param status         HTTP status of the response
     * @param quoted         the message stands between quotation marks in its paragraph
     * @param placeholder    format placeholders next to the message
     * @param inSentence     prose precedes the message in its paragraph
     * @param markup         the anchor is markup found as markup ({@code <h1 class="p">PHP Version}): the page's
     *                       own structure, which quoting would have escaped, so quoting signals do not apply
     * @param listedSignatures in how many table cells or list items of the page signatures hit: one is an error
     *                       in a widget (sidebars are lists), several make a reference table of errors
     */
    record Hit(int flags, int visibleTotal, int status, boolean quoted, boolean placeholder, boolean inSentence,
               boolean markup, int listedSignatures) {
    }

    /** Reads the text around a hit for {@link Hit#quoted}, {@link Hit#placeholder} and {@link Hit#inSentence}. */
    Hit hit(int flags, int visibleTotal, int status, TextWindow.Surroundings around, boolean markup,
            int listedSignatures) {
        if (markup || !around.found()) {
            return new Hit(flags, visibleTotal, status, false, false, false, markup, listedSignatures);
        }
        String before = around.before();
        String after = around.after();
        return new Hit(flags, visibleTotal, status, quoted(before, after), placeholder(before, after),
                inSentence(before), false, listedSignatures);
    }

    /** The score, 0..1, with one line per adjustment in {@code reasons}. */
    double score(Signature sig, Hit h, List<String> reasons) {
        double score = sig.confidence();
        reasons.add(String.format(Locale.ROOT, "%.2f signature confidence", score));
        int total = h.visibleTotal();
        boolean longPage = total > s.longPageVisibleBytes();
        boolean shortPage = total < s.shortPageVisibleBytes();
        boolean errorStatus = h.status() >= 500;
        int f = h.flags();
        if ((f & PageContext.HIDDEN) != 0) {
            score -= add(reasons, -s.hiddenPenalty(), "hidden from visitors (hidden, display:none, aria-hidden, "
                    + "<template> or <noscript>)");
        }
        if ((f & (PageContext.IN_SCRIPT | PageContext.IN_STYLE | PageContext.IN_COMMENT)) != 0) {
            score -= add(reasons, -s.markupPenalty(), "inside a script, style or comment");
        }
        if ((f & PageContext.IN_TITLE) != 0) {
            if (longPage && h.status() < 400) {
                score -= add(reasons, -s.articleTitlePenalty(), "in the title of a long page that answered "
                        + h.status());
            } else {
                score += add(reasons, s.titleBonus(), "in the page title");
            }
        } else if ((f & PageContext.IN_HEADING) != 0 && longPage && h.status() < 400) {
            score -= add(reasons, -s.articleHeadingPenalty(), "in a heading of a long page that answered "
                    + h.status());
        }
        if (h.placeholder()) {
            score -= add(reasons, -s.placeholderPenalty(), "format placeholders (%s, {0}) in the message: a template");
        }
        if (!errorStatus && !h.markup()) {
            if ((f & PageContext.QUOTING) != 0) {
                double d = shortPage ? s.shortQuotingPenalty() : s.quotingElementPenalty();
                score -= add(reasons, -d, "quoted in <pre>/<code>/<blockquote>" + (shortPage ? ""
                        : " of a page with other content"));
            } else if ((f & PageContext.LISTED) != 0 && !shortPage
                    && h.listedSignatures() >= s.listedTableSignatures()) {
                score -= add(reasons, -s.listedPenalty(), "one of " + h.listedSignatures()
                        + " table cells or list items with errors: a reference table or a list of incidents");
            }
            if (h.quoted()) {
                score -= add(reasons, -s.quotationMarksPenalty(), "between quotation marks");
            } else if (h.inSentence() && (f & PageContext.IN_TITLE) == 0) {
                score -= add(reasons, -s.sentencePenalty(), "inside a sentence of prose");
            }
        }
        if ((f & PageContext.AFTER_HTML_END) != 0) {
            score += add(reasons, s.afterHtmlBonus(), "after </html>: appended to a finished page");
        }
        if (shortPage) {
            score += add(reasons, s.shortPageBonus(), "short page (" + total
                    + " visible bytes): the error is what visitors see");
        }
        if (errorStatus) {
            score += add(reasons, s.serverErrorBonus(), "HTTP " + h.status());
        }
        return Math.max(0, Math.min(1, score));
    }

    private static double add(List<String> reasons, double delta, String why) {
        reasons.add(String.format(Locale.ROOT, "%+.2f %s", delta, why));
        return Math.abs(delta);
    }

    /**
     * An opening quotation mark right before the message and its closing one after it. An ASCII double quote opens
     * only if it is the first of a pair in the paragraph so far: in PostgreSQL's {@code relation "users" does not
     * exist} the quote before "does not exist" closes the table's name.
     */
    static boolean quoted(String before, String after) {
        String b = before.stripTrailing();
        if (b.isEmpty()) {
            return false;
        }
        char open = b.charAt(b.length() - 1);
        int kind = OPENING.indexOf(open);
        if (kind < 0) {
            return false;
        }
        if (open == '"' && b.chars().filter(c -> c == '"').count() % 2 == 0) {
            return false;
        }
        // Quoted in a sentence ("if you see “…”"), not a value in code or data: {@code (2003, "Can't connect…")} is
        // a Python exception's arguments, {@code "error": "…"} a JSON answer.
        String lead = b.substring(0, b.length() - 1).stripTrailing();
        if (!lead.isEmpty() && !Character.isLetterOrDigit(lead.charAt(lead.length() - 1))) {
            return false;
        }
        char close = CLOSING.charAt(kind);
        int at = after.indexOf(close);
        return at >= 0 || (open == '“' && after.indexOf('”') >= 0) || (open == '„' && after.indexOf('“') >= 0);
    }

    static boolean placeholder(String before, String after) {
        String b = before.length() > 40 ? before.substring(before.length() - 40) : before;
        return PLACEHOLDER.matcher(b).find() || PLACEHOLDER.matcher(after).find();
    }

    /**
     * Prose precedes the message in its paragraph: the last character before it is a letter or digit (or a comma),
     * at least {@link ScoringSettings#sentenceMinWords()} words come before it, and none of the marks a failure's
     * own text is made of ({@code Fatal error:}, {@code SQLSTATE[HY000]}, {@code Drupal\Core}, {@code (2002)}).
     * An anchor is often the middle of a message ("…: cannot execute INSERT in a read-only transaction"), so words
     * before it alone say nothing.
     */
    boolean inSentence(String before) {
        String b = before.stripTrailing();
        if (b.isEmpty()) {
            return false;
        }
        for (int i = 0; i < b.length(); i++) {
            char c = b.charAt(i);
            if (c == ':' || c == '\\' || c == '[' || c == '(' || c == '{' || c == '=' || c == '_') {
                return false;
            }
        }
        String[] tokens = b.split(" ");
        if (!WORD.matcher(tokens[tokens.length - 1]).matches()) {
            return false; // "www.example.org is parked", "at org.apache.jasper…": names, not prose
        }
        int words = 0;
        for (String t : tokens) {
            if (WORD.matcher(t).matches()) {
                words++;
            }
        }
        return words >= s.sentenceMinWords();
    }

}
