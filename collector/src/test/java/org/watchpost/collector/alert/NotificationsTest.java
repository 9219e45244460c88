package org.watchpost.collector.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchpost.collector.fleettest.FakeResults.down;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.fleet.MaintenanceCalendar;
import org.watchpost.collector.store.Dialect;
import org.watchpost.collector.fleettest.Configs;
import org.watchpost.collector.fleettest.FakeClock;
import org.watchpost.collector.fleettest.FleetHarness;
import org.watchpost.collector.fleettest.Receiver;
import org.watchpost.collector.fleettest.TestDatabase;
import org.watchpost.protocol.FailureClass;

/** The outbox against receivers that are down, refuse, come back, and a collector that restarts in between. */
class NotificationsTest {
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

    @TempDir
    Path dir;
    private final Receiver am = new Receiver();
    private final Receiver am2 = new Receiver();
    private final Receiver hook = new Receiver();
    private final List<FleetHarness> harnesses = new ArrayList<>();

    @AfterEach
    void tearDown() {
        harnesses.forEach(FleetHarness::close);
        am.close();
        am2.close();
        hook.close();
    }

    private FleetHarness harness(List<String> ams, List<String> hooks) throws Exception {
        FleetHarness h = new FleetHarness(TestDatabase.sqlite(dir), Dialect.SQLITE,
                Configs.fleet(ams, hooks, MaintenanceCalendar.NONE), new FakeClock(START));
        harnesses.add(h);
        return h;
    }

    private static void outage(FleetHarness h) {
        for (String agent : List.of("eu-1", "us-1")) {
            h.report(agent, down("news", h.clock.instant(), FailureClass.DB_STORAGE_FULL,
                    "The table 'watchdog' is full", "unicri", "web"));
        }
        h.evaluate();
    }

    @Test
    void aReceiverThatIsDownGetsTheNotificationOnceWhenItIsBackWithBackoffInBetween() throws Exception {
        FleetHarness h = harness(List.of(), List.of(hook.url() + "/hook"));
        hook.answer(503);
        outage(h);
        List<Instant> attempts = new ArrayList<>();
        for (int second = 0; second < 40; second++) {
            int before = hook.refused().size();
            h.send();
            if (hook.refused().size() > before) {
                attempts.add(h.clock.instant());
            }
            h.clock.advance(Duration.ofSeconds(1));
        }
        // 1s, 2s, 4s, 8s, 16s apart.
        assertThat(attempts).containsExactly(START, START.plusSeconds(1), START.plusSeconds(3),
                START.plusSeconds(7), START.plusSeconds(15), START.plusSeconds(31));
        assertThat(h.scrape()).contains("watchpost_notifications_total{channel=\"webhook\",result=\"error\"} 6.0");

        hook.answer(200);
        h.clock.advance(Duration.ofMinutes(2));
        h.send();
        h.clock.advance(Duration.ofMinutes(10));
        h.send();
        assertThat(hook.received()).hasSize(1);
        assertThat(h.scrape()).contains("watchpost_notifications_total{channel=\"webhook\",result=\"sent\"} 1.0")
                .contains("watchpost_notifications_waiting 0.0");
    }

    @Test
    void aCollectorRestartedWithANotificationPendingSendsItExactlyOnce() throws Exception {
        FleetHarness h = harness(List.of(am.url()), List.of(hook.url() + "/hook"));
        outage(h);
        // Queued in the incident's transaction, not sent yet: the collector stops here.
        h.restart();
        h.send();
        h.restart();
        h.send();

        assertThat(am.received()).hasSize(1);
        assertThat(hook.received()).hasSize(1);
    }

    @Test
    void aRowClaimedByACollectorThatDiedIsSentAfterItsLeaseNotBefore() throws Exception {
        FleetHarness h = harness(List.of(), List.of(hook.url() + "/hook"));
        outage(h);
        Outbox outbox = h.module().notifications().outbox();
        List<OutboxRow> claimed = outbox.claim(h.clock.instant(), 10);
        assertThat(claimed).hasSize(1);
        // The claimer dies without sending. Another collector finds nothing to do until the lease runs out.
        h.restart();
        h.send();
        assertThat(hook.received()).isEmpty();
        h.clock.advance(Outbox.LEASE);
        h.send();
        assertThat(hook.received()).hasSize(1);
        // The dead claimer's token is worthless now: it cannot mark the row as anything.
        assertThat(outbox.done(claimed.get(0), h.clock.instant())).isFalse();
    }

    @Test
    void webhooksAreSignedWithTheSecretAndCarryTheIncident() throws Exception {
        FleetHarness h = harness(List.of(), List.of(hook.url() + "/hook"));
        outage(h);
        h.send();

        Receiver.Received r = hook.received().get(0);
        byte[] secret = Configs.SECRET.getBytes(StandardCharsets.UTF_8);
        assertThat(r.header("X-Watchpost-Signature")).startsWith("sha256=");
        assertThat(Signatures.verify(secret, r.body(), r.header("X-Watchpost-Signature"))).isTrue();
        assertThat(Signatures.verify("other".getBytes(StandardCharsets.UTF_8), r.body(),
                r.header("X-Watchpost-Signature"))).isFalse();
        assertThat(r.header("X-Watchpost-Event")).isEqualTo("opened");
        assertThat(r.header("X-Watchpost-Delivery")).isNotBlank();
        assertThat(r.json().at("/incident/class").asText()).isEqualTo("db_storage_full");
        assertThat(r.json().at("/incident/evidence").asText()).contains("watchdog");
        assertThat(r.json().at("/incident/agents").size()).isEqualTo(2);
        assertThat(r.json().at("/incident/timeline/0/kind").asText()).isEqualTo("opened");
    }

    @Test
    void theSignatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231 test case 2.
        assertThat(Signatures.sign("Jefe".getBytes(StandardCharsets.US_ASCII),
                "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aReceiverThatRefusesTheBodyIsNotRetriedForever() throws Exception {
        FleetHarness h = harness(List.of(), List.of(hook.url() + "/hook"));
        hook.answer(400);
        outage(h);
        h.send();
        h.clock.advance(Duration.ofHours(1));
        h.send();

        assertThat(hook.refused()).hasSize(1);
        assertThat(h.scrape()).contains("watchpost_notifications_total{channel=\"webhook\",result=\"rejected\"} 1.0");
    }

    @Test
    void eachAlertmanagerOfAnHaPairGetsTheAlertEvenWhenTheOtherIsDown() throws Exception {
        FleetHarness h = harness(List.of(am.url(), am2.url()), List.of());
        am2.answer(503);
        outage(h);
        h.send();
        assertThat(am.received()).hasSize(1);
        assertThat(am2.received()).isEmpty();

        am2.answer(200);
        h.clock.advance(Duration.ofSeconds(2));
        h.send();
        assertThat(am2.received()).hasSize(1);
        assertThat(am.received()).hasSize(1);
    }

    @Test
    void aFullOutboxDropsAndCountsInsteadOfGrowing() throws Exception {
        FleetHarness h = new FleetHarness(TestDatabase.sqlite(dir), Dialect.SQLITE,
                new org.watchpost.collector.status.FleetConfig(Configs.consensus(),
                        new AlertingSettings(List.of(java.net.URI.create(am.url())), Duration.ofMinutes(1), 3,
                                Duration.ofSeconds(5), List.of(), 10, Duration.ofMinutes(5)),
                        MaintenanceCalendar.NONE, org.watchpost.collector.status.StatusPageSettings.open()),
                new FakeClock(START));
        harnesses.add(h);
        am.answer(503);
        for (int i = 0; i < 12; i++) {
            h.report("eu-1", down("t" + i, h.clock.instant(), FailureClass.TIMEOUT, "no answer", "s", "w"));
        }
        h.evaluate();

        assertThat(h.module().notifications().outbox().waiting()).isEqualTo(10);
        assertThat(h.incidents()).hasSize(12);
        assertThat(h.scrape()).contains("watchpost_notifications_total{channel=\"alertmanager\",result=\"dropped\"} 2.0");
    }
}
