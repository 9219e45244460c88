package org.watchpost.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What one probe concluded about a page. Ordered from best to worst, so {@code max} picks the worse of two. */
public enum Verdict {
    /** The page works and nothing is wrong with it. */
    UP,
    /** The page is usable but something is wrong: a debug leak, an expiring certificate, the poller was blocked. */
    DEGRADED,
    /** Visitors do not get the page. */
    DOWN;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Verdict worse(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    @JsonCreator
    public static Verdict fromId(String id) {
        for (Verdict v : values()) {
            if (v.id().equals(id)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown verdict '" + id + "'; expected up, degraded or down");
    }

    @Override
    public String toString() {
        return id();
    }
}
