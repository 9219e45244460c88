package org.watchpost.collector.status;

import java.util.Objects;

/**
 * The {@code status_page} section.
 *
 * @param publicUrl     where people reach the status page (links in alerts and webhooks); null: the collector's own
 *                      listen address
 * @param token         a read token ({@code Authorization: Bearer …} or {@code ?token=…}); null when not required
 * @param basicUser     basic-auth user, null when basic auth is off
 * @param basicPassword basic-auth password, null when basic auth is off
 */
public record StatusPageSettings(String publicUrl, String token, String basicUser, String basicPassword) {
    public StatusPageSettings {
        if ((basicUser == null) != (basicPassword == null)) {
            throw new IllegalArgumentException("basic auth needs both a user and a password");
        }
        if (token != null && token.isEmpty()) {
            throw new IllegalArgumentException("the read token is empty");
        }
    }

    public static StatusPageSettings open() {
        return new StatusPageSettings(null, null, null, null);
    }

    public boolean protectedPage() {
        return token != null || basicUser != null;
    }

    /** The public URL, or {@code fallback} (the listen address) when none is configured; ends in "/". */
    public String publicUrlOr(String fallback) {
        String url = Objects.requireNonNullElse(publicUrl, fallback);
        return url.endsWith("/") ? url : url + "/";
    }

    @Override
    public String toString() {
        return "StatusPageSettings[publicUrl=" + publicUrl + ", token=" + (token == null ? "none" : "set")
                + ", basicUser=" + basicUser + "]";
    }
}
