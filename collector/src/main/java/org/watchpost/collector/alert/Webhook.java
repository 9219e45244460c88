package org.watchpost.collector.alert;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * One webhook receiver.
 *
 * @param secretFile where the HMAC secret was read from, null when unsigned
 * @param secret     the secret's bytes (the file's content without a trailing newline), null when unsigned
 */
public record Webhook(URI url, Path secretFile, byte[] secret) {
    public Webhook {
        Objects.requireNonNull(url, "url");
        if ((secretFile == null) != (secret == null)) {
            throw new IllegalArgumentException("a webhook secret comes from a file: give both or neither");
        }
        if (secret != null && secret.length == 0) {
            throw new IllegalArgumentException("the webhook secret in " + secretFile + " is empty");
        }
        secret = secret == null ? null : secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret == null ? null : secret.clone();
    }

    @Override
    public String toString() {
        // Never the secret itself: settings get logged.
        return "Webhook[url=" + url + ", secretFile=" + secretFile + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Webhook w && url.equals(w.url) && Objects.equals(secretFile, w.secretFile)
                && java.util.Arrays.equals(secret, w.secret);
    }

    @Override
    public int hashCode() {
        return url.hashCode();
    }
}
