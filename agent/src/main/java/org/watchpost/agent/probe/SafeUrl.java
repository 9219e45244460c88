package org.watchpost.agent.probe;

import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A URL as Watchpost shows it: with the password of its user info and the values of secret-looking query and path
 * parameters replaced by {@code ***}. Target URLs carry tokens ({@code ?token=…&api_key=…}) and redirects hand out
 * session ids ({@code ;jsessionid=…}, {@code ?sid=…}); the API, the journal, the collector and the logs must not spread
 * them. The prober still fetches the real URL; only what it reports is masked.
 */
public final class SafeUrl {
    static final String MASK = "***";
    /** Parameter names, lower-cased, whose values are secrets, plus any name containing one of {@link #PARTS}. */
    private static final Set<String> NAMES = Set.of("key", "sig", "signature", "code", "auth", "sid", "session",
            "jsessionid", "phpsessid", "aspsessionid", "state", "ticket", "otp", "hash");
    private static final String[] PARTS = {"token", "secret", "password", "passwd", "pwd", "pass", "apikey",
            "api_key", "api-key", "access_key", "accesskey", "private", "session", "sess", "credential", "auth"};
    private static final Pattern PARAM = Pattern.compile("([?&;])([^=&;#?]*)=([^&;#?]*)");
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/?#@]*)@");

    private SafeUrl() {
    }

    /** Whether a parameter with this name carries a secret. */
    static boolean secretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (NAMES.contains(n)) {
            return true;
        }
        for (String p : PARTS) {
            if (n.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** {@code url} with its secrets masked; unchanged when it has none. */
    public static String mask(String url) {
        if (url == null) {
            return null;
        }
        String out = url;
        Matcher u = USER_INFO.matcher(out);
        if (u.find()) {
            String info = u.group(2);
            int colon = info.indexOf(':');
            String shown = colon < 0 ? MASK : info.substring(0, colon) + ":" + MASK;
            out = u.group(1) + shown + "@" + out.substring(u.end());
        }
        int start = out.indexOf('?');
        int semi = out.indexOf(';');
        int from = start < 0 ? semi : semi < 0 ? start : Math.min(start, semi);
        if (from < 0) {
            return out;
        }
        Matcher m = PARAM.matcher(out);
        m.region(from, out.length());
        StringBuilder b = new StringBuilder(out.length());
        int last = 0;
        while (m.find()) {
            if (secretName(m.group(2)) && !m.group(3).isEmpty()) {
                b.append(out, last, m.start(3)).append(MASK);
                last = m.end(3);
            }
        }
        b.append(out, last, out.length());
        return b.toString();
    }

    /** {@code url} with its secrets masked; the URI itself when it has none or the result would not parse. */
    public static URI mask(URI url) {
        if (url == null) {
            return null;
        }
        String raw = url.toString();
        String masked = mask(raw);
        if (masked.equals(raw)) {
            return url;
        }
        try {
            return URI.create(masked);
        } catch (IllegalArgumentException e) {
            return URI.create(url.getScheme() + "://" + url.getHost() + "/" + MASK);
        }
    }
}
