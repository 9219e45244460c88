package org.watchpost.collector.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The configured maintenance windows. */
public record MaintenanceCalendar(List<MaintenanceWindow> windows) {
    public static final MaintenanceCalendar NONE = new MaintenanceCalendar(List.of());

    public MaintenanceCalendar {
        windows = List.copyOf(windows);
    }

    /** The first window covering {@code target} that is active at {@code now}. */
    public Optional<MaintenanceWindow> active(String target, String site, Instant now) {
        for (MaintenanceWindow w : windows) {
            if (w.covers(target, site) && w.activeUntil(now).isPresent()) {
                return Optional.of(w);
            }
        }
        return Optional.empty();
    }
}
