package org.watchpost.agent.detect;

/**
 * The weights of context scoring (see {@link ContextScorer}): how much each fact about where a hit stands raises or
 * lowers its score. A hit starts at its signature's {@code confidence} and counts when the result reaches
 * {@link DetectorSettings#threshold()}. The defaults were fitted on the training part of the corpus and checked on
 * its held-out part ({@code CorpusTest}); {@code ContextScorerTest} pins them as a table. Change them only with both.
 *
 * @param markupPenalty            inside {@code <script>}, {@code <style>} or a comment (html-scope signatures only)
 * @param hiddenPenalty            inside an element a visitor cannot see ({@code hidden}, {@code display:none},
 *                                 {@code aria-hidden}, {@code <template>}, {@code <noscript>}): a template's
 *                                 error markup waiting to be shown, not an error shown
 * @param titleBonus               the page's title names the error
 * @param articleTitlePenalty      the title of a long page that answered below 400: an article about the error
 * @param articleHeadingPenalty    a heading ({@code <h1>}…{@code <h6>}) of a long page that answered below 400: a
 *                                 section of a knowledge-base article or a Q&amp;A about the error
 * @param quotingElementPenalty    inside {@code <pre>}, {@code <code>}, {@code <blockquote>} or {@code <textarea>} of
 *                                 a page with other content (not at HTTP 500 or above: error pages show traces so)
 * @param shortQuotingPenalty      the same on a short page
 * @param listedPenalty            a table cell or list item of a page with other content, when signatures hit
 *                                 in at least {@code listedTableSignatures} cells or items: a reference table
 *                                 of error codes, a status page's list of past incidents (not at 500 or above). One
 *                                 error alone in a list item is a widget of a sidebar, which is a list
 * @param listedTableSignatures    cells or items with hits that make the page a table or list of errors
 * @param quotationMarksPenalty    the message stands between quotation marks in its sentence (not at 500 or above)
 * @param placeholderPenalty       the message carries format placeholders ({@code %s}, {@code %1$s}, {@code {0}}):
 *                                 it is a template in documentation or a translation file, never a real failure
 * @param sentencePenalty          the message continues a sentence of prose in its paragraph ("last week our blog
 *                                 showed Error establishing…"): someone writes about it (not at 500 or above)
 * @param afterHtmlBonus           after {@code </html>}: printed by a crash after the page was rendered
 * @param shortPageBonus           a short page: the error is most of what a visitor sees
 * @param serverErrorBonus         an HTTP status of 500 or above
 * @param longPageVisibleBytes     a page with more visible bytes than this is long (articles, not error pages)
 * @param shortPageVisibleBytes    a page with fewer visible bytes than this is short
 * @param sentenceMinWords         words of prose before a message, in its paragraph, that make it part of a sentence
 * @param quoteReach               characters examined on each side of a hit for quotation marks and placeholders
 */
public record ScoringSettings(double markupPenalty, double hiddenPenalty, double titleBonus,
                              double articleTitlePenalty, double articleHeadingPenalty, double quotingElementPenalty,
                              double shortQuotingPenalty, double listedPenalty, double quotationMarksPenalty,
                              double placeholderPenalty, double sentencePenalty, double afterHtmlBonus,
                              double shortPageBonus, double serverErrorBonus, int longPageVisibleBytes,
                              int shortPageVisibleBytes, int sentenceMinWords, int quoteReach,
                              int listedTableSignatures) {
    public static final ScoringSettings DEFAULTS = new ScoringSettings(
            0.30, 0.60, 0.15,
            0.40, 0.40, 0.50,
            0.20, 0.40, 0.50,
            0.50, 0.40, 0.20,
            0.10, 0.10, 3000,
            1000, 1, 160,
            2);

    public ScoringSettings {
        for (double d : new double[] {markupPenalty, hiddenPenalty, titleBonus, articleTitlePenalty,
                articleHeadingPenalty, quotingElementPenalty, shortQuotingPenalty, listedPenalty,
                quotationMarksPenalty, placeholderPenalty, sentencePenalty, afterHtmlBonus, shortPageBonus,
                serverErrorBonus}) {
            if (!(d >= 0 && d <= 1)) {
                throw new IllegalArgumentException("every scoring weight must be within 0..1, got " + d);
            }
        }
        if (shortPageVisibleBytes < 0 || longPageVisibleBytes < shortPageVisibleBytes) {
            throw new IllegalArgumentException("page sizes must satisfy 0 <= short (" + shortPageVisibleBytes
                    + ") <= long (" + longPageVisibleBytes + ")");
        }
        if (sentenceMinWords < 1 || quoteReach < 1 || listedTableSignatures < 1) {
            throw new IllegalArgumentException("sentenceMinWords, quoteReach and listedTableSignatures must be at "
                    + "least 1");
        }
    }
}
