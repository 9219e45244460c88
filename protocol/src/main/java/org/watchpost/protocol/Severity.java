package org.watchpost.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How bad a finding is for the people who depend on the page, most severe first. */
public enum Severity {
    CRITICAL,
    ERROR,
    WARNING,
    INFO;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity fromId(String id) {
        for (Severity s : values()) {
            if (s.id().equals(id)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + id + "'; expected critical, error, warning or info");
    }

    @Override
    public String toString() {
        return id();
    }
}
