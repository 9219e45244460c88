package org.watchpost.deploy;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads. Prometheus 2.42 has no endpoint that returns a parsed expression, and the
 * grammar needed here is small: after removing string literals, label matchers {@code {…}}, ranges {@code […]} and the
 * label lists of {@code by}, {@code without}, {@code on}, {@code ignoring}, {@code group_left} and {@code group_right},
 * every identifier that is neither a keyword nor followed by {@code (} (a function or an aggregation) is a metric name.
 * The expressions it is given have already parsed in a real Prometheus, so malformed input is not its concern.
 *
 * <pre>{@code
 * PromqlNames.of("sum by (target) (rate(watchpost_probe_checks_total{result=\"down\"}[5m]))")
 *     // [watchpost_probe_checks_total]
 * }</pre>
 */
public final class PromqlNames {
    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^{}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^\\[\\]]*]");
    private static final Pattern LABEL_LIST =
            Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^()]*\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan", "atan2");

    private PromqlNames() {
    }

    public static Set<String> of(String expr) {
        String s = STRING.matcher(expr).replaceAll(" ");
        s = MATCHERS.matcher(s).replaceAll(" ");
        s = RANGE.matcher(s).replaceAll(" ");
        s = LABEL_LIST.matcher(s).replaceAll(" ");
        // Numbers with exponents or hex digits (1e3, 0x1F) and durations (5m) start with a digit: never identifiers,
        // but their letters would be taken for one without this.
        s = s.replaceAll("\\b\\d[\\w.]*", " ");
        Set<String> names = new LinkedHashSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group();
            if (KEYWORDS.contains(word.toLowerCase()) || followedByParenthesis(s, m.end())) {
                continue;
            }
            names.add(word);
        }
        return names;
    }

    private static boolean followedByParenthesis(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '(';
            }
        }
        return false;
    }
}
