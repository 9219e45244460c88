package org.watchpost.agent.config;

import java.util.Locale;
import java.util.Objects;

/**
 * The {@code log:} section: the agent's own operational logs. They are bounded like everything else it keeps.
 *
 * @param level         minimum level written (default info)
 * @param format        text for people, json for log shippers (default text); {@code --log-format} overrides it
 * @param maxFileBytes  size at which the active log file is rolled (default 10MiB)
 * @param maxTotalBytes cap on the whole log directory, active file included (default 100MiB)
 */
public record LogSettings(Level level, Format format, long maxFileBytes, long maxTotalBytes) {
    public static final LogSettings DEFAULTS = new LogSettings(Level.INFO, Format.TEXT, 10L << 20, 100L << 20);

    public LogSettings {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(format, "format");
    }

    public LogSettings withFormat(Format newFormat) {
        return new LogSettings(level, newFormat, maxFileBytes, maxTotalBytes);
    }

    public enum Level {
        ERROR, WARN, INFO, DEBUG, TRACE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Format {
        TEXT, JSON;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
