package org.watchpost.collector.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchpost.collector.fleettest.FakeResults.down;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.fleettest.Configs;
import org.watchpost.collector.fleettest.FakeClock;
import org.watchpost.collector.fleettest.FleetHarness;
import org.watchpost.collector.fleettest.Receiver;
import org.watchpost.collector.fleettest.TestDatabase;
import org.watchpost.collector.store.Dialect;
import org.watchpost.protocol.FailureClass;

/** docs/metrics.md's fleet section and the meters the fleet registers name the same set. */
class FleetMetricsDocTest {
    private static final Pattern OWN = Pattern.compile("watchpost_(fleet|incidents|notifications)_[a-z0-9_]+");

    @TempDir
    Path dir;

    @Test
    void everyFleetMetricIsDocumentedAndEveryDocumentedOneExists() throws Exception {
        Set<String> exposed = new TreeSet<>();
        try (Receiver am = new Receiver();
             FleetHarness h = new FleetHarness(TestDatabase.sqlite(dir), Dialect.SQLITE,
                     Configs.fleet(List.of(am.url()), List.of(), MaintenanceCalendar.NONE),
                     new FakeClock(Instant.parse("2026-12-04T10:00:00Z")))) {
            h.report("eu-1", down("news", h.clock.instant(), FailureClass.TIMEOUT, "no answer", "unicri", "web"));
            h.evaluate();
            h.send();
            for (String line : h.scrape().split("\n")) {
                Matcher m = OWN.matcher(line);
                if (!line.startsWith("#") && m.lookingAt()) {
                    exposed.add(m.group().replaceFirst("_total$", ""));
                }
            }
        }
        String doc = Files.readString(Path.of("..", "docs", "metrics.md"));
        String section = doc.substring(doc.indexOf("## Collector: fleet, incidents and notifications"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `(watchpost_[a-z0-9_]+)` \\|").matcher(section);
        while (m.find()) {
            documented.add(m.group(1).replaceFirst("_total$", ""));
        }
        assertThat(exposed).hasSizeGreaterThanOrEqualTo(9);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(exposed);
    }
}
