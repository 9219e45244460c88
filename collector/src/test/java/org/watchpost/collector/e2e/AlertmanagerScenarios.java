package org.watchpost.collector.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.watchpost.collector.fleettest.FakeResults.down;
import static org.watchpost.collector.fleettest.FakeResults.up;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.watchpost.agent.e2e.AlertmanagerServer;
import org.watchpost.collector.alert.AlertingSettings;
import org.watchpost.collector.fleet.FleetSettings;
import org.watchpost.collector.fleet.FleetState;
import org.watchpost.collector.fleet.MaintenanceCalendar;
import org.watchpost.collector.fleet.MaintenanceWindow;
import org.watchpost.collector.fleet.Quorum;
import org.watchpost.collector.fleettest.FakeClock;
import org.watchpost.collector.fleettest.FleetHarness;
import org.watchpost.collector.fleettest.Receiver;
import org.watchpost.collector.status.FleetConfig;
import org.watchpost.collector.status.StatusPageSettings;
import org.watchpost.collector.store.Dialect;
import org.watchpost.protocol.FailureClass;

/**
 * Incidents to a real Alertmanager whose webhook receiver is this test: what on-call staff would get. Run against
 * SQLite and PostgreSQL by the two subclasses. The fleet runs on its own threads with the real clock, as in
 * production; two agents report through the ingest listener.
 */
abstract class AlertmanagerScenarios {
    static final String EVIDENCE = "Drupal\\Core\\Database\\DatabaseExceptionWrapper: SQLSTATE[HY000]: General error:"
            + " 1114 The table 'watchdog' is full: INSERT INTO {watchdog} (uid, type, message) ...";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Long enough for Alertmanager (1 s group wait and interval) to have sent a duplicate, if there were one. */
    private static final Duration QUIET = Duration.ofSeconds(4);
    /** Flap damping: a recovery must last this long; the flapping scenario flips far faster. */
    private static final Duration RECOVERY_HOLD = Duration.ofSeconds(2);

    Receiver receiver;
    AlertmanagerServer am;
    FleetHarness h;

    abstract DataSource freshDatabase();

    abstract Dialect dialect();

    @BeforeEach
    void startAlertmanager() {
        receiver = new Receiver();
        am = AlertmanagerServer.prepare(receiver.url() + "/alertmanager");
    }

    @AfterEach
    void stopAll() {
        if (h != null) {
            h.close();
        }
        am.close();
        receiver.close();
    }

    private FleetHarness fleet(MaintenanceCalendar maintenance) throws Exception {
        FleetSettings consensus = new FleetSettings(Duration.ofMinutes(5), Duration.ofMinutes(5), Quorum.MAJORITY,
                List.of(), 2, RECOVERY_HOLD, 1000, Duration.ofSeconds(1));
        AlertingSettings alerting = new AlertingSettings(List.of(URI.create(am.url())), Duration.ofMinutes(1), 3,
                Duration.ofSeconds(2), List.of(), 1000, Duration.ofSeconds(2));
        FleetConfig config = new FleetConfig(consensus, alerting, maintenance,
                new StatusPageSettings("http://status.test/", null, null, null));
        h = new FleetHarness(freshDatabase(), dialect(), config, FakeClock.following());
        h.start();
        return h;
    }

    private void outage() {
        for (String agent : List.of("eu-1", "us-1")) {
            h.report(agent, down("unicri-news", h.clock.instant(), FailureClass.DB_STORAGE_FULL, EVIDENCE, "unicri",
                    "web"));
        }
    }

    private void recovery() {
        for (String agent : List.of("eu-1", "us-1")) {
            h.report(agent, up("unicri-news", h.clock.instant(), "unicri", "web"));
        }
    }

    private void awaitState(FleetState state) {
        await("the fleet to see unicri-news " + state).atMost(WAIT).until(() -> h.module().snapshot().targets()
                .stream().anyMatch(t -> t.target().equals("unicri-news") && t.state() == state));
    }

    /** What Alertmanager sent to its webhook receiver: one JSON body per notification. */
    private List<JsonNode> notifications() {
        return receiver.received().stream().filter(r -> r.path().equals("/alertmanager")).map(r -> r.json()).toList();
    }

    private void awaitNotifications(int n) {
        await("Alertmanager to notify " + n + " time(s)").atMost(WAIT)
                .untilAsserted(() -> assertThat(notifications()).as(am.logTail()).hasSize(n));
    }

    private void assertStaysAt(int n) {
        await().during(QUIET).atMost(QUIET.plusSeconds(5))
                .untilAsserted(() -> assertThat(notifications()).hasSize(n));
    }

    @Test
    void aDownConsensusReachesOnCallOnceWithItsEvidenceAndRecoveryResolvesIt() throws Exception {
        am.start();
        fleet(MaintenanceCalendar.NONE);
        outage();
        awaitNotifications(1);
        assertStaysAt(1);

        JsonNode n = notifications().get(0);
        assertThat(n.get("status").asText()).isEqualTo("firing");
        assertThat(n.get("alerts")).hasSize(1);
        JsonNode alert = n.get("alerts").get(0);
        assertThat(alert.at("/labels/alertname").asText()).isEqualTo("WatchpostTargetDown");
        assertThat(alert.at("/labels/class").asText()).isEqualTo("db_storage_full");
        assertThat(alert.at("/labels/target").asText()).isEqualTo("unicri-news");
        assertThat(alert.at("/labels/site").asText()).isEqualTo("unicri");
        assertThat(alert.at("/labels/team").asText()).isEqualTo("web");
        assertThat(alert.at("/labels/severity").asText()).isEqualTo("critical");
        assertThat(alert.at("/annotations/evidence").asText()).contains("The table 'watchdog' is full");
        assertThat(alert.at("/annotations/status_page_url").asText()).isEqualTo("http://status.test/#target-unicri-news");
        assertThat(alert.get("generatorURL").asText()).startsWith("http://status.test/#incident-");

        recovery();
        awaitState(FleetState.UP);
        recovery();
        awaitNotifications(2);
        JsonNode resolved = notifications().get(1);
        assertThat(resolved.get("status").asText()).isEqualTo("resolved");
        assertThat(resolved.at("/alerts/0/labels/class").asText()).isEqualTo("db_storage_full");
        assertThat(h.module().openIncidents()).isEmpty();
        assertThat(h.incidents()).hasSize(1);
    }

    @Test
    void aFlappingTargetIsOneIncidentAndOneNotification() throws Exception {
        am.start();
        fleet(MaintenanceCalendar.NONE);
        for (int flip = 0; flip < 6; flip++) {
            outage();
            awaitState(FleetState.DOWN);
            // One good check each time: below the success threshold of 2, so the incident stays open.
            for (String agent : List.of("eu-1", "us-1")) {
                h.report(agent, up("unicri-news", h.clock.instant(), "unicri", "web"));
            }
            awaitState(FleetState.UP);
        }
        outage();
        awaitNotifications(1);
        assertStaysAt(1);
        assertThat(h.incidents()).hasSize(1);
        assertThat(h.incidents().get(0).flaps()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void nothingReachesOnCallDuringAMaintenanceWindow() throws Exception {
        am.start();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        fleet(new MaintenanceCalendar(List.of(MaintenanceWindow.oneOff("db-upgrade", Set.of(), Set.of("unicri"), false,
                ZoneOffset.UTC, now.minusMinutes(5), now.plusHours(1)))));
        outage();
        await().atMost(WAIT).until(() -> h.module().snapshot().targets().stream()
                .anyMatch(t -> "db-upgrade".equals(t.maintenance()) && t.state() == FleetState.DOWN));
        assertStaysAt(0);
        assertThat(h.incidents()).isEmpty();
        assertThat(am.alerts().strip()).isEqualTo("[]");
    }

    @Test
    void anAlertmanagerThatIsDownGetsTheAlertOnceWhenItIsBack() throws Exception {
        fleet(MaintenanceCalendar.NONE);
        outage();
        await("a failed delivery").atMost(WAIT).until(() -> h.scrape()
                .matches("(?s).*watchpost_notifications_total\\{channel=\"alertmanager\",result=\"error\"} [1-9].*"));
        awaitState(FleetState.DOWN);
        am.start();
        awaitNotifications(1);
        assertStaysAt(1);
        assertThat(notifications().get(0).at("/alerts/0/labels/class").asText()).isEqualTo("db_storage_full");
    }

    @Test
    void aCollectorRestartedWithAnAlertPendingSendsItOnce() throws Exception {
        fleet(MaintenanceCalendar.NONE);
        outage();
        await("the incident and its pending alert").atMost(WAIT)
                .until(() -> h.module().notifications().outbox().waiting() == 1);
        h.restart();
        am.start();
        awaitNotifications(1);
        assertStaysAt(1);
        assertThat(h.incidents()).hasSize(1);
        JsonNode held = new com.fasterxml.jackson.databind.ObjectMapper().readTree(am.alerts());
        assertThat(held).hasSize(1);
        assertThat(held.at("/0/labels/target").asText()).isEqualTo("unicri-news");
    }
}
