package org.watchpost.agent.detect;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from evidence before it leaves the probe: evidence is shown in the API, logs, the journal, the
 * collector and alerts, so anything a failing page leaks to visitors must not be spread further by Watchpost.
 */
final class Redactor {
    static final String MASK = "***";

    /**
     * A pattern and what replaces it. A rule runs only when the lower-cased text contains one of its triggers: most
     * excerpts hold no secret, and a literal search costs far less than a regex scan (evidence is redacted on the
     * probe path of every failing page).
     */
    private record Rule(Pattern pattern, String replacement, String... triggers) {
        boolean mayMatch(String lower) {
            for (String t : triggers) {
                if (lower.contains(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<Rule> RULES = List.of(
            // scheme://user:password@host (DSNs and URLs)
            new Rule(Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/\\s:@'\"]+):([^@\\s/'\"]+)@"),
                    "$1$2:" + MASK + "@", "://"),
            // Authorization headers and bearer tokens
            new Rule(Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/-]{8,}=*"), "$1 " + MASK, "bearer", "basic"),
            // JSON web tokens
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), MASK, "eyj"),
            // key=value and key: value secrets, also PHP array dumps: [password] => secret, 'password' => 'x'
            new Rule(Pattern.compile("(?i)((?:db_?|mysql_?|database_?)?(?:password|passwd|pwd|pass|secret|"
                    + "api[_-]?key|access[_-]?key|secret[_-]?key|auth[_-]?token|access[_-]?token|token|"
                    + "private[_-]?key|client[_-]?secret)['\"\\]]?\\s*(?:=>|=|:)\\s*)(['\"]?)"
                    // MySQL's "(using password: YES)" says whether one was sent, which is worth keeping.
                    + "(?!(?:YES|NO)\\))([^'\"\\s,;&)\\]}<]+)"),
                    "$1$2" + MASK, "pass", "pwd", "secret", "key", "token"),
            // session cookies and ids: PHPSESSID, JSESSIONID, ASP.NET, Drupal's SESS<hash>
            new Rule(Pattern.compile("(?i)\\b(PHPSESSID|JSESSIONID|ASP\\.NET_SessionId|sessionid|session_id|sid|"
                    + "S?SESS[0-9a-f]{16,64}|laravel_session|_session_id|csrftoken|XSRF-TOKEN)(\\s*[=:]\\s*)"
                    + "[^;\\s&'\"<]+"), "$1$2" + MASK, "sess", "sid", "csrf", "xsrf"),
            // positional credentials in stack-trace arguments: PDO->__construct('dsn', 'user', 'secret'),
            // mysqli_connect('host', 'user', 'secret'), mysqli->__construct / real_connect, oci_connect('user', 'secret')
            new Rule(Pattern.compile("((?:__construct|mysqli_connect|mysqli_real_connect|real_connect|mysql_connect|"
                    + "mysql_pconnect)\\(\\s*'[^']*'\\s*,\\s*'[^']*'\\s*,\\s*')[^']*'"), "$1" + MASK + "'", "connect(",
                    "__construct("),
            new Rule(Pattern.compile("((?:oci_connect|oci_pconnect|oci_new_connect)\\(\\s*'[^']*'\\s*,\\s*')[^']*'"),
                    "$1" + MASK + "'", "oci_"),
            // cloud access key ids
            new Rule(Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), MASK, "akia", "asia"),
            // e-mail addresses (keep the domain: it tells on-call whose mailbox, without the person)
            new Rule(Pattern.compile("\\b[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,})\\b"),
                    MASK + "@$1", "@"));

    private Redactor() {
    }

    static String redact(String s) {
        String out = s;
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        for (Rule r : RULES) {
            if (!r.mayMatch(lower)) {
                continue;
            }
            Matcher m = r.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(r.replacement());
            }
        }
        return out;
    }
}
