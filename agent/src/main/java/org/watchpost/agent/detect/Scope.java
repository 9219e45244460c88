package org.watchpost.agent.detect;

import java.util.Locale;

/** Where in a response a signature's anchors count. */
public enum Scope {
    /** Inside the page's {@code <title>}. */
    TITLE,
    /** Text a visitor sees: the title and the body's text, not markup, scripts, styles or comments. */
    TEXT,
    /** Anywhere in the raw HTML, markup and scripts included (for anchors that are markup, e.g. a CDN's error div). */
    HTML,
    /** Response header lines, as {@code name: value}. */
    HEADERS;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope fromId(String id) {
        for (Scope s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scope '" + id + "'; expected title, text, html or headers");
    }
}
