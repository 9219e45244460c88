package org.watchpost.collector.status;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The optional read protection of the status page and its JSON: a bearer token (header, or {@code ?token=} for a
 * browser bookmark) or basic auth. Off unless {@code status_page.auth} configures it.
 */
final class StatusAuth {
    private final StatusPageSettings settings;

    StatusAuth(StatusPageSettings settings) {
        this.settings = settings;
    }

    boolean required() {
        return settings.protectedPage();
    }

    boolean allows(Request request) {
        if (!settings.protectedPage()) {
            return true;
        }
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (settings.token() != null) {
            if (header != null && header.startsWith("Bearer ") && same(header.substring(7).trim(), settings.token())) {
                return true;
            }
            String query = Request.extractQueryParameters(request).getValue("token");
            if (query != null && same(query, settings.token())) {
                return true;
            }
        }
        if (settings.basicUser() != null && header != null && header.startsWith("Basic ")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = decoded.indexOf(':');
            return colon > 0 && same(decoded.substring(0, colon), settings.basicUser())
                    && same(decoded.substring(colon + 1), settings.basicPassword());
        }
        return false;
    }

    /** The WWW-Authenticate challenge, so a browser asks for basic credentials. */
    String challenge() {
        return settings.basicUser() != null ? "Basic realm=\"Watchpost status\", charset=\"UTF-8\""
                : "Bearer realm=\"Watchpost status\"";
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
