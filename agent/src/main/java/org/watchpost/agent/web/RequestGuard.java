package org.watchpost.agent.web;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Refuses requests a browser can be tricked into making against an agent on 127.0.0.1.
 * <ul>
 *   <li>A {@code Host} that is not one of the agent's names: a page on {@code evil.example} whose DNS name is
 *       rebound to 127.0.0.1 could otherwise read {@code /api/v1/targets} (URLs, evidence) with the victim's browser.
 *       Allowed: any IP address literal (rebinding needs a name), {@code localhost} and {@code *.localhost}, the
 *       machine's own host name, the host of the listen address and the names given by the caller.</li>
 *   <li>A state-changing request ({@code POST}) whose {@code Origin} is not the agent itself, or that the browser
 *       marks as cross-site ({@code Sec-Fetch-Site}): any web page could otherwise reload the agent's configuration.
 *       Tools such as curl send neither header and are not affected.</li>
 * </ul>
 * Each refusal answers 403 with a sentence saying why, and is counted by reason ({@code host}, {@code origin}).
 */
final class RequestGuard extends Filter {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.%a-zA-Z]*");

    private final Set<String> names;
    private final Consumer<String> refused;

    /**
     * @param names   host names besides localhost and IP literals under which the agent may be reached
     * @param refused told the reason ({@code host}, {@code origin}) of each refused request
     */
    RequestGuard(Set<String> names, Consumer<String> refused) {
        Set<String> all = new LinkedHashSet<>();
        for (String n : names) {
            all.add(n.toLowerCase(Locale.ROOT));
        }
        try {
            InetAddress local = InetAddress.getLocalHost();
            all.add(local.getHostName().toLowerCase(Locale.ROOT));
            all.add(local.getCanonicalHostName().toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            // No name for this machine: it can still be reached as localhost or by address.
        }
        this.names = Set.copyOf(all);
        this.refused = Objects.requireNonNull(refused, "refused");
    }

    @Override
    public String description() {
        return "refuses foreign Host headers and cross-origin state-changing requests";
    }

    @Override
    public void doFilter(HttpExchange ex, Chain chain) throws IOException {
        String host = ex.getRequestHeaders().getFirst("Host");
        if (host != null && !allowedHost(hostPart(host))) {
            refuse(ex, "host", "Host '" + printable(host) + "' is not a name of this agent: it answers to localhost, "
                    + "IP addresses, its own names and agent.allowed_hosts only, so that a web page cannot read it "
                    + "through DNS rebinding");
            return;
        }
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            String origin = ex.getRequestHeaders().getFirst("Origin");
            if (origin != null && !sameOrigin(origin, host)) {
                refuse(ex, "origin", method + " from the web page at '" + printable(origin) + "' refused: only "
                        + "requests from the agent itself or from tools without a browser may change its state");
                return;
            }
            String site = ex.getRequestHeaders().getFirst("Sec-Fetch-Site");
            if (origin == null && site != null && !site.equals("same-origin") && !site.equals("none")) {
                refuse(ex, "origin", method + " from another site refused (Sec-Fetch-Site: " + printable(site) + ")");
                return;
            }
        }
        chain.doFilter(ex);
    }

    boolean allowedHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.isEmpty() || h.equals("localhost") || h.endsWith(".localhost")) {
            return true;
        }
        if (IPV4.matcher(h).matches() || IPV6.matcher(h).matches()) {
            return true;
        }
        return names.contains(h) || (h.endsWith(".") && names.contains(h.substring(0, h.length() - 1)));
    }

    /** {@code host[:port]} or {@code [v6]:port} → the host, without brackets. */
    static String hostPart(String hostHeader) {
        String h = hostHeader.strip();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end < 0 ? h.substring(1) : h.substring(1, end);
        }
        int colon = h.indexOf(':');
        return colon >= 0 && colon == h.lastIndexOf(':') ? h.substring(0, colon) : h;
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null || origin.equals("null")) {
            return false;
        }
        try {
            URI o = URI.create(origin.strip());
            if (o.getHost() == null) {
                return false;
            }
            String authority = o.getPort() < 0 ? o.getHost() : o.getHost() + ":" + o.getPort();
            return authority.equalsIgnoreCase(host.strip())
                    || ("[" + o.getHost() + "]" + (o.getPort() < 0 ? "" : ":" + o.getPort()))
                    .equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String printable(String s) {
        String cut = s.length() > 100 ? s.substring(0, 100) + "…" : s;
        return cut.replaceAll("[\\p{Cntrl}]", "?");
    }

    private void refuse(HttpExchange ex, String reason, String message) throws IOException {
        refused.accept(reason);
        byte[] body = ("403 Forbidden: " + message + "\n").getBytes(StandardCharsets.UTF_8);
        try (ex) {
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            ex.sendResponseHeaders(403, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
