package org.watchpost.collector.fleet;

import org.watchpost.collector.store.Dialect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.watchpost.collector.fleettest.FakeResults.down;
import static org.watchpost.collector.fleettest.FakeResults.up;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.fleettest.Configs;
import org.watchpost.collector.fleettest.FakeClock;
import org.watchpost.collector.fleettest.FleetHarness;
import org.watchpost.collector.fleettest.Receiver;
import org.watchpost.collector.fleettest.TestDatabase;
import org.watchpost.protocol.FailureClass;

/** Incidents from consensus on SQLite, with a fake clock and a loopback Alertmanager and webhook receiver. */
class FleetIncidentTest {
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
    private static final String EVIDENCE = "SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full";

    @TempDir
    Path dir;
    private final Receiver am = new Receiver();
    private final Receiver hook = new Receiver();
    private FleetHarness h;

    @BeforeEach
    void setUp() throws Exception {
        h = harness(MaintenanceCalendar.NONE);
    }

    private FleetHarness harness(MaintenanceCalendar maintenance) throws Exception {
        return new FleetHarness(TestDatabase.sqlite(dir), Dialect.SQLITE,
                Configs.fleet(List.of(am.url()), List.of(hook.url() + "/hook"), maintenance), new FakeClock(START));
    }

    @AfterEach
    void tearDown() {
        h.close();
        am.close();
        hook.close();
    }

    private void bothDown(FailureClass cls, String evidence) {
        h.report("eu-1", down("news", h.clock.instant(), cls, evidence, "unicri", "web"));
        h.report("us-1", down("news", h.clock.instant(), cls, evidence, "unicri", "web"));
    }

    private void bothUp() {
        h.report("eu-1", up("news", h.clock.instant(), "unicri", "web"));
        h.report("us-1", up("news", h.clock.instant(), "unicri", "web"));
    }

    private List<JsonNode> alerts() {
        return am.received().stream().map(r -> r.json().get(0)).toList();
    }

    @Test
    void aDownConsensusOpensOneIncidentAndPagesOnceWithTheEvidence() throws Exception {
        bothDown(FailureClass.DB_STORAGE_FULL, EVIDENCE);
        h.evaluate();
        h.evaluate();
        h.send();

        List<Incident> incidents = h.incidents();
        assertThat(incidents).hasSize(1);
        Incident i = incidents.get(0);
        assertThat(i.open()).isTrue();
        assertThat(i.primaryClass()).isEqualTo(FailureClass.DB_STORAGE_FULL);
        assertThat(i.agents()).containsExactly("eu-1", "us-1");
        assertThat(i.evidence()).contains("watchdog");

        assertThat(am.received()).hasSize(1);
        assertThat(am.received().get(0).path()).isEqualTo("/api/v2/alerts");
        JsonNode alert = alerts().get(0);
        assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("WatchpostTargetDown");
        assertThat(alert.get("labels").get("class").asText()).isEqualTo("db_storage_full");
        assertThat(alert.get("labels").get("severity").asText()).isEqualTo("critical");
        assertThat(alert.get("labels").get("site").asText()).isEqualTo("unicri");
        assertThat(alert.get("labels").get("team").asText()).isEqualTo("web");
        assertThat(alert.get("annotations").get("evidence").asText()).contains("The table 'watchdog' is full");
        assertThat(alert.get("annotations").get("hint").asText()).isEqualTo("look at db_storage_full");
        assertThat(alert.get("annotations").get("status_page_url").asText())
                .isEqualTo("https://status.example.org/#target-news");
        assertThat(alert.get("generatorURL").asText()).isEqualTo("https://status.example.org/#incident-" + i.id());
        assertThat(Instant.parse(alert.get("endsAt").asText())).isEqualTo(START.plus(Duration.ofMinutes(4)));
        assertThat(hook.received()).hasSize(1);
        assertThat(hook.received().get(0).json().get("event").asText()).isEqualTo("opened");

        // Still firing: posted again once a minute with endsAt moved on, still one incident.
        h.clock.advance(Duration.ofSeconds(30));
        bothDown(FailureClass.DB_STORAGE_FULL, EVIDENCE);
        h.evaluate();
        h.send();
        assertThat(am.received()).hasSize(1);
        h.clock.advance(Duration.ofSeconds(31));
        h.evaluate();
        h.send();
        assertThat(am.received()).hasSize(2);
        assertThat(Instant.parse(alerts().get(1).get("endsAt").asText()))
                .isEqualTo(h.clock.instant().plus(Duration.ofMinutes(4)));
        assertThat(hook.received()).hasSize(1);
        assertThat(h.incidents()).hasSize(1);
        assertThat(h.scrape()).contains("watchpost_incidents_open 1.0");
    }

    @Test
    void aClassChangeIsRecordedInTheTimelineAndReplacesTheAlertWithoutANewIncident() throws Exception {
        bothDown(FailureClass.DB_STORAGE_FULL, EVIDENCE);
        h.evaluate();
        h.send();
        h.clock.advance(Duration.ofSeconds(20));
        bothDown(FailureClass.DB_CONNECTION, "SQLSTATE[HY000] [2002] Connection refused");
        h.evaluate();
        h.send();

        List<Incident> incidents = h.incidents();
        assertThat(incidents).hasSize(1);
        Incident i = h.module().incident(incidents.get(0).id()).orElseThrow();
        assertThat(i.primaryClass()).isEqualTo(FailureClass.DB_CONNECTION);
        assertThat(i.timeline()).extracting(IncidentEvent::kind).containsExactly("opened", "class_changed");
        assertThat(i.timeline().get(1).detail()).isEqualTo("db_storage_full → db_connection");
        // Alertmanager: the old label set ends now, the new one fires.
        List<JsonNode> alerts = alerts();
        assertThat(alerts).hasSize(3);
        assertThat(alerts.get(1).get("labels").get("class").asText()).isEqualTo("db_storage_full");
        assertThat(Instant.parse(alerts.get(1).get("endsAt").asText())).isEqualTo(h.clock.instant());
        assertThat(alerts.get(2).get("labels").get("class").asText()).isEqualTo("db_connection");
        assertThat(Instant.parse(alerts.get(2).get("endsAt").asText())).isAfter(h.clock.instant());
        assertThat(hook.received()).extracting(r -> r.json().get("event").asText())
                .containsExactly("opened", "updated");
    }

    @Test
    void itResolvesAfterTheSuccessThresholdAndHoldAndTellsAlertmanagerAFewTimes() throws Exception {
        bothDown(FailureClass.DB_STORAGE_FULL, EVIDENCE);
        h.evaluate();
        h.send();
        am.clear();
        for (int i = 0; i < 3; i++) {
            h.clock.advance(Duration.ofMinutes(1));
            bothUp();
            h.evaluate();
            h.send();
            assertThat(h.module().openIncidents()).as("still within the 3m recovery hold after %d min", i + 1)
                    .hasSize(1);
        }
        h.clock.advance(Duration.ofMinutes(1));
        bothUp();
        h.evaluate();
        h.send();

        assertThat(h.module().openIncidents()).isEmpty();
        Incident resolved = h.module().recentIncidents(10).get(0);
        assertThat(resolved.resolvedAt()).isEqualTo(h.clock.instant());
        Instant resolvedAt = resolved.resolvedAt();
        h.run(Duration.ofMinutes(5), Duration.ofSeconds(30));
        List<JsonNode> resolutions = alerts().stream()
                .filter(a -> !Instant.parse(a.get("endsAt").asText()).isAfter(resolvedAt)).toList();
        assertThat(resolutions).hasSize(3);
        assertThat(resolutions).allSatisfy(a -> assertThat(a.get("endsAt").asText()).isEqualTo(resolvedAt.toString()));
        assertThat(hook.received()).extracting(r -> r.json().get("event").asText())
                .containsExactly("opened", "resolved");
        assertThat(h.scrape()).contains("watchpost_incidents_open 0.0");
    }

    @Test
    void aFlappingTargetIsOneIncidentWithItsFlapsCounted() throws Exception {
        for (int minute = 0; minute < 20; minute++) {
            if (minute % 2 == 0) {
                bothDown(FailureClass.DB_STORAGE_FULL, EVIDENCE);
            } else {
                bothUp();
            }
            h.evaluate();
            h.send();
            h.clock.advance(Duration.ofMinutes(1));
        }
        List<Incident> incidents = h.incidents();
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).open()).isTrue();
        assertThat(incidents.get(0).flaps()).isEqualTo(9);
        assertThat(hook.received()).hasSize(1);
        // Alertmanager only ever heard one label set firing.
        assertThat(alerts()).extracting(a -> a.get("labels").get("class").asText()).containsOnly("db_storage_full");
        assertThat(alerts()).allSatisfy(a -> assertThat(Instant.parse(a.get("endsAt").asText()))
                .isAfter(START));
    }

    @Test
    void anAgentThatStopsReportingIsAnAgentProblemNotATargetDown() throws Exception {
        bothUp();
        h.evaluate();
        h.clock.advance(Duration.ofMinutes(6));
        h.report("eu-1", up("news", h.clock.instant(), "unicri", "web"));
        h.evaluate();

        TargetView v = h.view("news");
        assertThat(v.state()).isEqualTo(FleetState.UP);
        assertThat(v.staleAgents()).isEqualTo(1);
        assertThat(h.module().snapshot().agents()).filteredOn(AgentView::stale).extracting(AgentView::agent)
                .containsExactly("us-1");
        String metrics = h.scrape();
        assertThat(metrics).contains("watchpost_fleet_agent_up{agent=\"us-1\"} 0.0")
                .contains("watchpost_fleet_agent_up{agent=\"eu-1\"} 1.0")
                .contains("watchpost_fleet_target_agents{state=\"stale\",target=\"news\"} 1.0")
                .contains("watchpost_fleet_target_agents{state=\"up\",target=\"news\"} 1.0")
                .contains("watchpost_fleet_target_up{target=\"news\"} 1.0")
                .contains("watchpost_fleet_target_info{site=\"unicri\",target=\"news\",team=\"web\"} 1\n");

        // Both silent: unknown, never an outage.
        h.clock.advance(Duration.ofMinutes(10));
        h.evaluate();
        h.send();
        assertThat(h.view("news").state()).isEqualTo(FleetState.NO_DATA);
        assertThat(h.incidents()).isEmpty();
        assertThat(am.received()).isEmpty();
        assertThat(h.scrape()).contains("watchpost_fleet_target_up{target=\"news\"} NaN");
    }

    @Test
    void oneAgentSeeingAnOutageIsShownAsAPartialViewAndPagesNobody() throws Exception {
        h.report("eu-1", down("news", h.clock.instant(), FailureClass.CONNECT, "connection refused", "unicri", "web"));
        h.report("us-1", up("news", h.clock.instant(), "unicri", "web"));
        h.evaluate();
        h.send();

        assertThat(h.view("news").partialNote()).isEqualTo("seen from eu-1 only");
        assertThat(h.incidents()).isEmpty();
        assertThat(am.received()).isEmpty();
        assertThat(h.scrape()).contains("watchpost_fleet_target_agents{state=\"down\",target=\"news\"} 1.0");
    }

    @Test
    void noNotificationDuringAMaintenanceWindowAndTheIncidentOpensWhenItEndsIfStillDown() throws Exception {
        h.close();
        MaintenanceWindow w = MaintenanceWindow.oneOff("upgrade", Set.of(), Set.of("unicri"), false, ZoneOffset.UTC,
                LocalDateTime.parse("2026-12-04T09:55"), LocalDateTime.parse("2026-12-04T10:05"));
        h = harness(new MaintenanceCalendar(List.of(w)));

        bothDown(FailureClass.MAINTENANCE, "Site under maintenance");
        h.evaluate();
        h.send();
        assertThat(h.view("news").maintenance()).isEqualTo("upgrade");
        for (int i = 0; i < 4; i++) {
            h.clock.advance(Duration.ofMinutes(1));
            bothDown(FailureClass.MAINTENANCE, "Site under maintenance");
            h.evaluate();
            h.send();
        }
        assertThat(h.incidents()).isEmpty();
        assertThat(am.received()).isEmpty();
        assertThat(hook.received()).isEmpty();
        assertThat(h.scrape()).contains("watchpost_fleet_target_maintenance{target=\"news\"} 1.0");

        h.clock.set(Instant.parse("2026-12-04T10:05:00Z"));
        bothDown(FailureClass.MAINTENANCE, "Site under maintenance");
        h.evaluate();
        h.send();
        List<Incident> incidents = h.incidents();
        assertThat(incidents).hasSize(1);
        assertThat(incidents.get(0).firstSeen()).isEqualTo(START);
        assertThat(incidents.get(0).openedAt()).isEqualTo(Instant.parse("2026-12-04T10:05:00Z"));
        assertThat(am.received()).hasSize(1);
        assertThat(h.view("news").maintenance()).isNull();
    }

    @Test
    void aTargetThatRecoversWithinTheWindowNeverOpensAnIncident() throws Exception {
        h.close();
        MaintenanceWindow w = MaintenanceWindow.oneOff("upgrade", Set.of("news"), Set.of(), false, ZoneOffset.UTC,
                LocalDateTime.parse("2026-12-04T09:55"), LocalDateTime.parse("2026-12-04T10:05"));
        h = harness(new MaintenanceCalendar(List.of(w)));

        bothDown(FailureClass.MAINTENANCE, "Site under maintenance");
        h.evaluate();
        h.clock.advance(Duration.ofMinutes(3));
        bothUp();
        h.evaluate();
        h.clock.set(Instant.parse("2026-12-04T10:06:00Z"));
        bothUp();
        h.evaluate();
        h.send();

        assertThat(h.incidents()).isEmpty();
        assertThat(am.received()).isEmpty();
    }

    @Test
    void aRestartedCollectorKeepsTheOpenIncidentInsteadOfOpeningASecond() throws Exception {
        bothDown(FailureClass.DB_STORAGE_FULL, EVIDENCE);
        h.evaluate();
        h.send();
        h.restart();
        h.clock.advance(Duration.ofSeconds(10));
        bothDown(FailureClass.DB_STORAGE_FULL, EVIDENCE);
        h.evaluate();
        h.send();

        assertThat(h.incidents()).hasSize(1);
        assertThat(hook.received()).hasSize(1);
        assertThat(h.view("news").since()).isEqualTo(START);
    }
}
