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

    /**
     * After a key and its separator: an optional quote (group 2), then the value: up to the closing quote when quoted
     * (spaces, @ and the other quote inside it included), else up to a delimiter.
     */
    private static final String VALUE = "(['\"]?)(?:(?<=')[^'\\n]*'|(?<=\")[^\"\\n]*\"|(?<!['\"])(?!(?:YES|NO)\\))"
            + "[^'\"\\s,;&)\\]}<]+)";

    private static final List<Rule> RULES = List.of(
            // PEM private keys, whole (or to the end of the excerpt when it was cut inside the key)
            new Rule(Pattern.compile("-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\\s\\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)"),
                    "-----BEGIN $1PRIVATE KEY----- " + MASK + " -----END $1PRIVATE KEY-----", "private key-----"),
            // Slack incoming webhooks: the path is the credential
            new Rule(Pattern.compile("(https://hooks\\.slack(?:-gov)?\\.com/(?:services|workflows|triggers)/)[A-Za-z0-9/_-]+"),
                    "$1" + MASK, "hooks.slack"),
            // scheme://user:password@host (DSNs and URLs); the user may be empty (redis://:pw@host), the password
            // may hold an @ (the last @ before the host ends it)
            new Rule(Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)([^/\\s:@'\"]*):([^\\s/'\"]+)@(?=[^@\\s/'\"]*(?:[/\\s'\"?#]|$))"),
                    "$1$2:" + MASK + "@", "://"),
            // Authorization headers and bearer tokens
            new Rule(Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/-]{8,}=*"), "$1 " + MASK, "bearer", "basic"),
            // JSON web tokens
            new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), MASK, "eyj"),
            // GitHub tokens (classic and fine-grained), Stripe keys and webhook secrets, Slack tokens
            new Rule(Pattern.compile("\\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"), MASK, "gh", "github_pat_"),
            new Rule(Pattern.compile("\\b(?:(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9]{16,})"), MASK,
                    "_live_", "_test_", "whsec_"),
            new Rule(Pattern.compile("\\bxox[abposr]-[A-Za-z0-9-]{10,}"), MASK, "xox"),
            // key=value and key: value secrets, environment variables (SECRET_KEY_BASE=, DB_PASSWORD=), PHP array
            // dumps ([password] => secret, 'password' => 'x'); a quoted value is masked whole
            new Rule(Pattern.compile("(?i)((?:[a-z0-9_.-]*?)(?:password|passwd|pwd|pass|secret|api[_-]?key|apikey|"
                    + "access[_-]?key|auth[_-]?token|access[_-]?token|token|private[_-]?key|credentials?|"
                    + "(?<![a-z0-9])key)"
                    + "[a-z0-9_.-]*['\"\\]]?\\s*(?:=>|=|:)\\s*)"
                    // MySQL's "(using password: YES)" says whether one was sent, which is worth keeping.
                    + VALUE),
                    "$1$2" + MASK + "$2", "pass", "pwd", "secret", "key", "token", "credential"),
            // session cookies and ids: PHPSESSID, JSESSIONID, ASP.NET, Drupal's SESS<hash>
            new Rule(Pattern.compile("(?i)\\b(PHPSESSID|JSESSIONID|ASP\\.NET_SessionId|sessionid|session_id|sid|"
                    + "S?SESS[0-9a-f]{16,64}|laravel_session|_session_id|csrftoken|XSRF-TOKEN)(\\s*[=:]\\s*)"
                    + "[^;\\s&'\"<]+"), "$1$2" + MASK, "sess", "sid", "csrf", "xsrf"),
            // positional credentials in stack-trace arguments, single or double quoted: PDO->__construct('dsn',
            // 'user', 'secret'), mysqli_connect('host', 'user', 'secret'), real_connect, oci_connect('user', 'secret')
            new Rule(Pattern.compile("((?:__construct|mysqli_connect|mysqli_real_connect|real_connect|mysql_connect|"
                    + "mysql_pconnect)\\(\\s*(['\"])[^'\"]*\\2\\s*,\\s*(['\"])[^'\"]*\\3\\s*,\\s*)(['\"])(?:(?!\\4).)*\\4"),
                    "$1$4" + MASK + "$4", "connect(", "__construct("),
            new Rule(Pattern.compile("((?:oci_connect|oci_pconnect|oci_new_connect)\\(\\s*(['\"])[^'\"]*\\2\\s*,\\s*)"
                    + "(['\"])(?:(?!\\3).)*\\3"), "$1$3" + MASK + "$3", "oci_"),
            // mysql -pSECRET (the password glued to -p) on a command line shown in an error
            new Rule(Pattern.compile("(\\bmysql(?:dump|admin|import|check|show)?\\b[^\\n]*?\\s-p)(?:'[^']*'|\"[^\"]*\"|[^\\s'\"]+)"),
                    "$1" + MASK, "mysql"),
            // Oracle connect strings: scott/tiger@ORCL (not a path: nothing path-like right before the user)
            new Rule(Pattern.compile("(?<![/\\w.:~-])([A-Za-z][A-Za-z0-9_$#]{0,29})/([^\\s/@'\"]{1,128})@(?=[A-Za-z0-9(])"),
                    "$1/" + MASK + "@", "/"),
            // cloud access key ids, and bare secret access keys (40 characters mixing cases and digits; a lower-case
            // hex digest such as a commit id has no upper case and is kept)
            new Rule(Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), MASK, "akia", "asia"),
            new Rule(Pattern.compile("(?<![A-Za-z0-9/+=])(?=[A-Za-z0-9/+]{0,39}[A-Z])(?=[A-Za-z0-9/+]{0,39}[a-z])"
                    + "(?=[A-Za-z0-9/+]{0,39}[0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"), MASK, ""),
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
