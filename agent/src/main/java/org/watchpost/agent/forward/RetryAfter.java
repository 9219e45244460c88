package org.watchpost.agent.forward;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The {@code Retry-After} header (RFC 9110 §10.2.3): a number of seconds or an HTTP date. */
final class RetryAfter {
    /** However long a collector asks for, the agent tries again at least this often. */
    static final Duration CAP = Duration.ofMinutes(5);

    private RetryAfter() {
    }

    /** The wait asked for, within 0..{@link #CAP}; null when the header is absent or unreadable. */
    static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.strip();
        Duration d;
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                d = Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                d = CAP; // more digits than a long holds: "a very long time"
            }
        } else {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                d = Duration.between(now, at);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(CAP) > 0 ? CAP : d;
    }
}
