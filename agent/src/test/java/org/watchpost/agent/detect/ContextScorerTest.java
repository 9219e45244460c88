package org.watchpost.agent.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Severity;

/**
 * Pins context scoring as a table: where a hit of a 0.85-confidence signature stands → its score and whether it
 * counts (threshold 0.60). A change of a weight in {@link ScoringSettings#DEFAULTS} shows up here, row by row.
 */
class ContextScorerTest {
    private static final Signature SIG = new Signature("test.sig", "test", FailureClass.DB_CONNECTION,
            Severity.CRITICAL, List.of("Error establishing a database connection"), null, null, false,
            Set.of(Scope.TEXT), Set.of(), 0.85, "hint", null, "test", null);
    private final ContextScorer scorer = new ContextScorer(ScoringSettings.DEFAULTS);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # place                                       | flags           | visible | status | quoted | placeholder | sentence | markup | listed | score | counts
            bare error page                               | -               | 200     | 500    | false  | false       | false    | false  | 1      | 1.00  | true
            error block mid-article of a 150 KB page      | -               | 90000   | 200    | false  | false       | false    | false  | 1      | 0.85  | true
            sidebar widget (a list item) of a 30 KB page  | LISTED          | 12000   | 200    | false  | false       | false    | false  | 1      | 0.85  | true
            reference table of error codes                | LISTED          | 12000   | 200    | false  | false       | false    | false  | 3      | 0.45  | false
            after </html> of a long page                  | AFTER_HTML_END  | 9000    | 200    | false  | false       | false    | false  | 1      | 1.00  | true
            title of a short page                         | IN_TITLE        | 300     | 200    | false  | false       | false    | false  | 1      | 1.00  | true
            title of a long article                       | IN_TITLE        | 9000    | 200    | false  | false       | false    | false  | 1      | 0.45  | false
            heading of a long article                     | IN_HEADING      | 9000    | 200    | false  | false       | false    | false  | 1      | 0.45  | false
            heading of an error page                      | IN_HEADING      | 400     | 500    | false  | false       | false    | false  | 1      | 1.00  | true
            quoted in <pre> of an article                 | IN_PRE          | 9000    | 200    | false  | false       | false    | false  | 1      | 0.35  | false
            quoted in <pre> of a short page               | IN_PRE          | 600     | 200    | false  | false       | false    | false  | 1      | 0.75  | true
            trace in <pre> of a 500 page                  | IN_PRE          | 9000    | 500    | false  | false       | false    | false  | 1      | 0.95  | true
            between quotation marks                       | -               | 9000    | 200    | true   | false       | false    | false  | 1      | 0.35  | false
            inside a sentence of prose                    | -               | 9000    | 200    | false  | false       | true     | false  | 1      | 0.45  | false
            inside a sentence on a 500 page               | -               | 9000    | 500    | false  | false       | true     | false  | 1      | 0.95  | true
            template with placeholders                    | -               | 9000    | 200    | false  | true        | false    | false  | 1      | 0.35  | false
            template with placeholders on a 500 page      | -               | 9000    | 500    | false  | true        | false    | false  | 1      | 0.45  | false
            hidden template markup                        | HIDDEN          | 9000    | 200    | false  | false       | false    | false  | 1      | 0.25  | false
            hidden markup after </html>                   | HIDDEN,AFTER_HTML_END | 9000 | 200  | false  | false       | false    | false  | 1      | 0.45  | false
            markup anchor in a table cell                 | LISTED          | 20000   | 200    | false  | false       | false    | true   | 1      | 0.85  | true
            inside a script                               | IN_SCRIPT       | 9000    | 200    | false  | false       | false    | true   | 1      | 0.55  | false
            """)
    void scoresByPlace(String place, String flagNames, int visible, int status, boolean quoted, boolean placeholder,
                       boolean sentence, boolean markup, int listed, double score, boolean counts) {
        int flags = 0;
        for (String f : flagNames.split(",")) {
            flags |= switch (f.strip()) {
                case "-" -> 0;
                case "LISTED" -> PageContext.LISTED;
                case "AFTER_HTML_END" -> PageContext.AFTER_HTML_END;
                case "IN_TITLE" -> PageContext.IN_TITLE;
                case "IN_HEADING" -> PageContext.IN_HEADING;
                case "IN_PRE" -> PageContext.IN_PRE;
                case "HIDDEN" -> PageContext.HIDDEN;
                case "IN_SCRIPT" -> PageContext.IN_SCRIPT;
                default -> throw new IllegalArgumentException(f);
            };
        }
        List<String> reasons = new ArrayList<>();
        double s = scorer.score(SIG, new ContextScorer.Hit(flags, visible, status, quoted, placeholder, sentence,
                markup, listed), reasons);
        assertThat(s).as(place + ": " + reasons).isCloseTo(score, org.assertj.core.data.Offset.offset(0.001));
        assertThat(s >= DetectorSettings.DEFAULTS.threshold()).as(place + " counts").isEqualTo(counts);
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' | ''{1}''")
    @CsvSource(delimiter = '|', textBlock = """
            # text before the anchor                        | after                           | quoted | sentence
            ''                                              | ''                              | false  | false
            Last week our blog showed                       | ' for an hour.'                 | false  | true
            If you see “                                    | ”, check wp-config.php          | true   | false
            'If you see "'                                  | '", check wp-config.php'        | true   | false
            'OperationalError: (2003, "'                    | ' (111)")'                      | false  | false
            'relation "users"'                              | ' LINE 1: SELECT'               | false  | false
            Fatal error: Uncaught PDOException:             | ' in /var/www/index.php:3'      | false  | false
            www.example.org                                 | ', courtesy of GoDaddy.com.'    | false  | false
            at org.apache.jasper.runtime.                   | '(HttpJspBase.java:70)'         | false  | false
            Once                                            | ' the next step is'             | false  | true
            """)
    void readsTheSentenceAroundAHit(String before, String after, boolean quoted, boolean sentence) {
        assertThat(ContextScorer.quoted(before, after)).as("quoted").isEqualTo(quoted);
        assertThat(scorer.inSentence(before)).as("in a sentence").isEqualTo(sentence);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            'Table '                 | ' is full'                     | true
            ''                       | ': %1$s could not be selected' | true
            ''                       | ' at {0} failed'               | true
            ''                       | ' in /var/www/x.php on line 3' | false
            ''                       | ' (100% full)'                 | false
            """)
    void findsPlaceholders(String before, String after, boolean found) {
        assertThat(ContextScorer.placeholder(before + (before.isEmpty() ? "" : "%s"), after)).isEqualTo(found);
    }

    @org.junit.jupiter.api.Test
    void everyWeightIsDocumented() throws java.io.IOException {
        String doc = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/signature-format.md"));
        for (var c : ScoringSettings.class.getRecordComponents()) {
            if (!List.of("longPageVisibleBytes", "shortPageVisibleBytes", "sentenceMinWords", "quoteReach")
                    .contains(c.getName())) {
                assertThat(doc).as("docs/signature-format.md names the setting " + c.getName())
                        .contains("`" + c.getName() + "`");
            }
        }
    }
}
