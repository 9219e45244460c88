package org.watchpost.collector.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaintenanceWindowTest {
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void aOneOffWindowIsReadInItsTimeZone() {
        MaintenanceWindow w = MaintenanceWindow.oneOff("migration", Set.of("news"), Set.of(), false, PARIS,
                LocalDateTime.parse("2026-12-06T02:00"), LocalDateTime.parse("2026-12-06T04:00"));

        // 02:00 in Paris in December is 01:00 UTC.
        assertThat(w.activeUntil(Instant.parse("2026-12-06T00:59:59Z"))).isEmpty();
        assertThat(w.activeUntil(Instant.parse("2026-12-06T01:00:00Z")))
                .contains(Instant.parse("2026-12-06T03:00:00Z"));
        assertThat(w.activeUntil(Instant.parse("2026-12-06T03:00:00Z"))).isEmpty();
    }

    @Test
    void aWeeklyWindowStaysAtLocalTimeAcrossDaylightSaving() {
        MaintenanceWindow w = MaintenanceWindow.recurring("sunday", Set.of(), Set.of("unicri"), false, PARIS,
                Set.of(DayOfWeek.SUNDAY), LocalTime.of(3, 0), Duration.ofHours(1));

        // Winter (UTC+1): Sunday 2026-12-06 03:00 local = 02:00 UTC.
        assertThat(w.activeUntil(Instant.parse("2026-12-06T02:30:00Z"))).isPresent();
        assertThat(w.activeUntil(Instant.parse("2026-12-06T01:30:00Z"))).isEmpty();
        // Summer (UTC+2): Sunday 2026-07-05 03:00 local = 01:00 UTC.
        assertThat(w.activeUntil(Instant.parse("2026-07-05T01:30:00Z"))).isPresent();
        assertThat(w.activeUntil(Instant.parse("2026-07-05T02:30:00Z"))).isEmpty();
        // Not on a Monday.
        assertThat(w.activeUntil(Instant.parse("2026-12-07T02:30:00Z"))).isEmpty();
    }

    @Test
    void aStartInTheSpringForwardGapMovesToTheFirstValidLocalTime() {
        // 2026-03-29 in Paris: 02:00 jumps to 03:00. A daily 02:30 start becomes 03:30 local (01:30 UTC).
        MaintenanceWindow w = MaintenanceWindow.recurring("nightly", Set.of(), Set.of(), true, PARIS, null,
                LocalTime.of(2, 30), Duration.ofMinutes(30));

        assertThat(w.activeUntil(Instant.parse("2026-03-29T01:29:00Z"))).isEmpty();
        assertThat(w.activeUntil(Instant.parse("2026-03-29T01:30:00Z")))
                .contains(Instant.parse("2026-03-29T02:00:00Z"));
        // The day before, in winter time: 02:30 local = 01:30 UTC too, but on the 28th.
        assertThat(w.activeUntil(Instant.parse("2026-03-28T01:45:00Z"))).isPresent();
    }

    @Test
    void aStartInTheAutumnOverlapTakesTheEarlierOffsetAndLastsItsDurationInRealTime() {
        // 2026-10-25 in Paris: 03:00 falls back to 02:00, so 02:30 happens twice; the first (UTC+2) is 00:30 UTC.
        MaintenanceWindow w = MaintenanceWindow.recurring("nightly", Set.of(), Set.of(), true, PARIS, null,
                LocalTime.of(2, 30), Duration.ofHours(1));

        assertThat(w.activeUntil(Instant.parse("2026-10-25T00:30:00Z")))
                .contains(Instant.parse("2026-10-25T01:30:00Z"));
        assertThat(w.activeUntil(Instant.parse("2026-10-25T01:30:00Z"))).isEmpty();
    }

    @Test
    void aWindowOverMidnightCoversTheNextMorning() {
        MaintenanceWindow w = MaintenanceWindow.recurring("late", Set.of("news"), Set.of(), false, ZoneId.of("UTC"),
                Set.of(DayOfWeek.SATURDAY), LocalTime.of(23, 0), Duration.ofHours(3));

        assertThat(w.activeUntil(Instant.parse("2026-12-06T01:00:00Z"))).isPresent(); // Sunday 01:00
        assertThat(w.activeUntil(Instant.parse("2026-12-06T02:00:00Z"))).isEmpty();
    }

    @Test
    void coversByTargetSiteOrAll() {
        MaintenanceCalendar cal = new MaintenanceCalendar(java.util.List.of(
                MaintenanceWindow.oneOff("a", Set.of("news"), Set.of("unhcr"), false, PARIS,
                        LocalDateTime.parse("2026-12-06T02:00"), LocalDateTime.parse("2026-12-06T04:00"))));
        Instant in = Instant.parse("2026-12-06T01:30:00Z");

        assertThat(cal.active("news", "unicri", in)).isPresent();
        assertThat(cal.active("jobs", "unhcr", in)).isPresent();
        assertThat(cal.active("jobs", "unicri", in)).isEmpty();
        assertThat(cal.active("news", "unicri", in.plus(Duration.ofHours(3)))).isEmpty();
    }
}
