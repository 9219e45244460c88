package org.watchpost.collector.fleettest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.watchpost.collector.alert.AlertingSettings;
import org.watchpost.collector.alert.Webhook;
import org.watchpost.collector.fleet.FleetSettings;
import org.watchpost.collector.fleet.MaintenanceCalendar;
import org.watchpost.collector.fleet.Quorum;
import org.watchpost.collector.status.FleetConfig;
import org.watchpost.collector.status.StatusPageSettings;

/** Settings the fleet tests share: short holds so minutes of fake time cover an incident's whole life. */
public final class Configs {
    public static final String SECRET = "s3cret-for-tests";

    private Configs() {
    }

    public static FleetSettings consensus() {
        return new FleetSettings(Duration.ofMinutes(5), Duration.ofMinutes(5), Quorum.MAJORITY, List.of(), 2,
                Duration.ofMinutes(3), 10_000, Duration.ofSeconds(10));
    }

    public static AlertingSettings alerting(List<String> alertmanagers, List<String> webhooks) {
        return new AlertingSettings(alertmanagers.stream().map(URI::create).toList(), Duration.ofMinutes(1), 3,
                Duration.ofSeconds(5), webhooks.stream().map(u -> new Webhook(URI.create(u),
                        java.nio.file.Path.of("/run/secrets/hook"), SECRET.getBytes(StandardCharsets.UTF_8))).toList(),
                1000, Duration.ofMinutes(5));
    }

    public static FleetConfig fleet(List<String> alertmanagers, List<String> webhooks, MaintenanceCalendar m) {
        return new FleetConfig(consensus(), alerting(alertmanagers, webhooks), m,
                new StatusPageSettings("https://status.example.org/", null, null, null));
    }
}
