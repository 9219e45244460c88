package org.watchpost.config;

import java.util.Objects;

/** A listen address such as {@code 127.0.0.1:9920}; port 0 asks the system for a free port. */
public record HostPort(String host, int port) {
    public HostPort {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, was " + port);
        }
    }

    /**
     * Parses {@code HOST:PORT} or {@code [IPV6]:PORT}.
     *
     * @throws IllegalArgumentException with a message that quotes the input
     */
    public static HostPort parse(String s) {
        String bad = "expected HOST:PORT such as 127.0.0.1:9920, got '" + s + "'";
        if (s == null) {
            throw new IllegalArgumentException(bad);
        }
        int colon = s.lastIndexOf(':');
        if (colon <= 0 || colon == s.length() - 1) {
            throw new IllegalArgumentException(bad);
        }
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw new IllegalArgumentException(bad + " (write IPv6 addresses in brackets: [::1]:9920)");
        }
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(bad);
        }
        if (port < 0 || port > 65535 || host.isBlank()) {
            throw new IllegalArgumentException(bad);
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
