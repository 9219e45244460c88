package org.watchpost.agent.config;

import java.util.Objects;

/**
 * The agent's secret for the collector, read from {@code collector.token_file}. Its {@link #toString()} never shows
 * the value, so a config or settings object that is logged or printed cannot leak it.
 */
public final class BearerToken {
    private final String value;

    public BearerToken(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            // Never include the value: this message may be logged.
            throw new IllegalArgumentException("a token is one line of printable ASCII without spaces");
        }
        this.value = value;
    }

    /** For the {@code Authorization} header only. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BearerToken t && t.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "BearerToken[" + value.length() + " characters, not shown]";
    }
}
