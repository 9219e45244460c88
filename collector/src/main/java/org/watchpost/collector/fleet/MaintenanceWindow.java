package org.watchpost.collector.fleet;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A time when a target is expected to fail: no notification goes out, the status page says "maintenance", and a
 * target still failing when the window ends opens its incident then.
 *
 * <p>Either one-off ({@code from}..{@code until}) or recurring (every day of {@code days} at {@code at} for
 * {@code duration}); both read in {@code zone}, so "Sunday 02:00 Europe/Paris" stays 02:00 local across daylight
 * saving. A recurring start that falls in a spring-forward gap moves to the first valid local time after it (02:30 on
 * the night clocks jump from 02:00 to 03:00 becomes 03:30), and one that falls in the autumn overlap takes the
 * earlier offset: {@link ZonedDateTime#of} rules, which is what people expect of their calendars.
 *
 * @param targets which targets it covers by name; with {@code sites} and {@code all} it is a union
 * @param sites   which sites (the {@code site} label) it covers
 * @param all     whether it covers every target
 */
public record MaintenanceWindow(String name, Set<String> targets, Set<String> sites, boolean all, ZoneId zone,
                                LocalDateTime from, LocalDateTime until, Set<DayOfWeek> days, LocalTime at,
                                Duration duration) {
    /** A recurring window longer than a week would overlap itself. */
    public static final Duration MAX_RECURRING = Duration.ofDays(7);

    public MaintenanceWindow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(zone, "zone");
        targets = targets == null ? Set.of() : Set.copyOf(targets);
        sites = sites == null ? Set.of() : Set.copyOf(sites);
        if (!all && targets.isEmpty() && sites.isEmpty()) {
            throw new IllegalArgumentException("maintenance window '" + name + "' covers nothing: give targets, sites"
                    + " or all: true");
        }
        boolean oneOff = from != null || until != null;
        boolean recurring = at != null || duration != null || (days != null && !days.isEmpty());
        if (oneOff == recurring) {
            throw new IllegalArgumentException("maintenance window '" + name + "' must be either one-off (from,"
                    + " until) or recurring (at, duration, optional days)");
        }
        if (oneOff) {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(until, "until");
            if (!until.isAfter(from)) {
                throw new IllegalArgumentException("maintenance window '" + name + "' ends before it starts");
            }
            days = Set.of();
        } else {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(duration, "duration");
            if (duration.isZero() || duration.isNegative() || duration.compareTo(MAX_RECURRING) > 0) {
                throw new IllegalArgumentException("maintenance window '" + name + "' must last more than 0s and"
                        + " at most 7d");
            }
            days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
        }
    }

    public static MaintenanceWindow oneOff(String name, Set<String> targets, Set<String> sites, boolean all,
                                           ZoneId zone, LocalDateTime from, LocalDateTime until) {
        return new MaintenanceWindow(name, targets, sites, all, zone, from, until, null, null, null);
    }

    public static MaintenanceWindow recurring(String name, Set<String> targets, Set<String> sites, boolean all,
                                              ZoneId zone, Set<DayOfWeek> days, LocalTime at, Duration duration) {
        return new MaintenanceWindow(name, targets, sites, all, zone, null, null, days, at, duration);
    }

    public boolean covers(String target, String site) {
        return all || targets.contains(target) || (site != null && !site.isEmpty() && sites.contains(site));
    }

    /** The end of the occurrence that contains {@code t}, or empty when the window is not active at {@code t}. */
    public Optional<Instant> activeUntil(Instant t) {
        if (from != null) {
            Instant start = from.atZone(zone).toInstant();
            Instant end = until.atZone(zone).toInstant();
            return !t.isBefore(start) && t.isBefore(end) ? Optional.of(end) : Optional.empty();
        }
        LocalDate today = t.atZone(zone).toLocalDate();
        long back = duration.toDays() + 1;
        for (long d = 0; d <= back; d++) {
            LocalDate day = today.minusDays(d);
            if (!days.contains(day.getDayOfWeek())) {
                continue;
            }
            Instant start = ZonedDateTime.of(day, at, zone).toInstant();
            Instant end = start.plus(duration);
            if (!t.isBefore(start) && t.isBefore(end)) {
                return Optional.of(end);
            }
        }
        return Optional.empty();
    }
}
