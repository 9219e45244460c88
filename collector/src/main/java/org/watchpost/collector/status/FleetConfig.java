package org.watchpost.collector.status;

import java.util.Objects;
import org.watchpost.collector.alert.AlertingSettings;
import org.watchpost.collector.fleet.FleetSettings;
import org.watchpost.collector.fleet.MaintenanceCalendar;

/** The four sections the fleet reads: {@code consensus}, {@code alerting}, {@code maintenance}, {@code status_page}. */
public record FleetConfig(FleetSettings consensus, AlertingSettings alerting, MaintenanceCalendar maintenance,
                          StatusPageSettings statusPage) {
    public FleetConfig {
        Objects.requireNonNull(consensus, "consensus");
        Objects.requireNonNull(alerting, "alerting");
        Objects.requireNonNull(maintenance, "maintenance");
        Objects.requireNonNull(statusPage, "statusPage");
    }

    public static FleetConfig defaults() {
        return new FleetConfig(FleetSettings.defaults(), AlertingSettings.none(), MaintenanceCalendar.NONE,
                StatusPageSettings.open());
    }
}
