package org.watchpost.agent.detect;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.watchpost.protocol.FailureClass;

/** Ids and remediation hints of the findings that do not come from signatures. */
final class Hints {
    static final String CHECK_STATUS = "check.http_status";
    static final String CHECK_REDIRECT = "check.redirect";
    static final String CHECK_BODY_CUT = "check.body_cut";
    static final String CHECK_CONTENT_MISSING = "check.content_missing";
    static final String CHECK_CONTENT_UNEXPECTED = "check.content_unexpected";
    static final String CHECK_TLS_EXPIRING = "check.tls_expiring";
    static final String CHECK_PAGE_INCOMPLETE = "check.page_incomplete";
    static final String CHECK_PAGE_BLANK = "check.page_blank";

    static final String REDIRECT = "Visitors' browsers give up on this redirect chain too: check the rewrite rules and "
            + "the site's base URL setting (a loop often follows an http/https or www change).";
    static final String BODY_CUT = "The server or a proxy closed the connection mid-page: look for a crash "
            + "(PHP-FPM, application server) or a proxy buffer or timeout limit in the error logs at that time.";
    static final String PAGE_INCOMPLETE = "The page stopped mid-way although the server reported success: the "
            + "application likely crashed while rendering (a fatal error with display_errors off, a killed worker, "
            + "a full disk for the page cache); check the application's error log for this time.";
    static final String PAGE_BLANK = "The page answered success but shows (almost) nothing, where it normally has "
            + "content: the white screen of an application that crashed with its errors hidden (PHP display_errors "
            + "off); read the application's error log (PHP-FPM, the web server's error log) for this time.";
    static final String CONTENT_MISSING = "The page no longer shows text it must contain: it may show an error, an "
            + "empty template or another page; open it and compare with the last good version.";
    static final String CONTENT_UNEXPECTED = "The page shows text configured as unwanted: open it and check what "
            + "replaced the content.";
    static final String TLS_EXPIRING = "Renew the certificate and install the whole chain before it expires; check "
            + "that automatic renewal (e.g. certbot's timer) runs and reloads the web server.";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z][a-zA-Z0-9]*)}");

    private Hints() {
    }

    static String transport(FailureClass c) {
        return switch (c) {
            case DNS -> "The name does not resolve: check the domain's registration and its DNS records, and the "
                    + "resolver this agent uses.";
            case CONNECT -> "Nothing accepts connections: check that the web server or load balancer runs and that "
                    + "no firewall change blocks the port.";
            case TLS -> "The TLS handshake failed: check the certificate (expired, wrong name, incomplete chain) and "
                    + "the server's TLS configuration.";
            case TIMEOUT -> "The server accepted but did not answer in time: check its load, the application's "
                    + "workers and slow database queries.";
            default -> "";
        };
    }

    static String status(int status) {
        if (status >= 500) {
            return "The server answers with an error status: read the web server's and the application's error "
                    + "logs for this time.";
        }
        if (status == 404 || status == 410) {
            return "The page is gone: check whether it moved (and needs a redirect) or was unpublished by mistake.";
        }
        if (status == 401 || status == 403) {
            return "The page refuses access: check authentication and access rules, and whether a WAF blocks the "
                    + "monitoring agent's address.";
        }
        return "The status is not one this target expects: check the page and the target's expect.status.";
    }

    /** Replaces {@code {name}} with captures; placeholders without a capture are left as they are. */
    static String fill(String hint, Map<String, String> captures) {
        if (captures.isEmpty() || hint.indexOf('{') < 0) {
            return hint;
        }
        Matcher m = PLACEHOLDER.matcher(hint);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = captures.get(m.group(1));
            m.appendReplacement(b, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(b);
        return b.toString();
    }
}
