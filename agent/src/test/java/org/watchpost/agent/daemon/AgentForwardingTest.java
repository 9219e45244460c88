package org.watchpost.agent.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.config.AgentConfig;
import org.watchpost.agent.config.ConfigLoader;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.metrics.AgentMetrics;
import org.watchpost.agent.probe.HttpProber;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.agent.web.AgentServer;
import org.watchpost.config.HostPort;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.watchpost.protocol.AgentHealth;
import org.watchpost.protocol.Report;
import org.watchpost.protocol.ReportRecord;
import org.watchpost.protocol.Version;
import org.watchpost.protocol.WireJson;

/** A whole agent forwarding to a MockWebServer collector: what travels, and that probing never waits for it. */
class AgentForwardingTest {
    @TempDir
    Path dir;
    private WireMockServer site;
    private final List<MockWebServer> collectors = new CopyOnWriteArrayList<>();
    private Agent agent;

    @BeforeEach
    void start() throws Exception {
        site = TestSites.wiremock();
        site.stubFor(get(urlEqualTo("/a")).willReturn(aResponse().withStatus(200).withBody("<html>a</html>")));
        site.stubFor(get(urlEqualTo("/b")).willReturn(aResponse().withStatus(500).withBody("broken")));
        Files.writeString(dir.resolve("token"), "wp_agent-test-token\n");
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        collectors.forEach(MockWebServer::close);
        site.stop();
    }

    /** A collector that stores every report and acknowledges all of it. */
    private static final class Store extends Dispatcher {
        final List<Report> reports = new CopyOnWriteArrayList<>();
        final ObjectMapper json = WireJson.newMapper();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            Report r;
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(request.getBody().toByteArray()))) {
                r = json.readValue(in, Report.class);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            reports.add(r);
            return new MockResponse.Builder().code(200).body("{\"schema\":1,\"agent\":\"" + r.agent()
                    + "\",\"stored_through\":" + r.lastSequence() + ",\"accepted\":" + r.records().size()
                    + ",\"duplicates\":0}").build();
        }

        List<Long> seqs() {
            return reports.stream().flatMap(r -> r.records().stream()).map(ReportRecord::seq).toList();
        }
    }

    private MockWebServer collector(Dispatcher d) throws IOException {
        MockWebServer s = new MockWebServer();
        s.setDispatcher(d);
        s.start(InetAddress.getLoopbackAddress(), 0);
        collectors.add(s);
        return s;
    }

    private AgentConfig config(MockWebServer collector, String extra) throws Exception {
        String site = "http://127.0.0.1:" + this.site.port();
        String yaml = """
                agent: { id: eu-1, listen: "127.0.0.1:0", data_dir: "%s", max_concurrency: 4 }
                collector:
                  url: "%s"
                  token_file: token
                  batch_max_wait: 50ms
                %s
                defaults: { interval: 1h, timeout: 5s, per_host_concurrency: 4, per_host_min_spacing: 0ms }
                targets:
                  - { name: a, url: "%s/a", labels: { site: acme, team: web } }
                  - { name: b, url: "%s/b" }
                """.formatted(dir, collector.url("/"), extra.indent(2), site, site);
        return ConfigLoader.parse(dir.resolve("agent.yml"), yaml, ConfigLoader.Secrets.READ);
    }

    private Agent agent(AgentConfig config) throws IOException {
        agent = new Agent(config, new HttpProber(TimeSource.system()), SignatureLibrary.builtIn(),
                DetectorSettings.DEFAULTS, TimeSource.system(), () -> new AgentMetrics.LogCounts(3, 1, 0));
        return agent;
    }

    @Test
    void everyReportCarriesTheHealthSnapshotAndResultsCarryTheirLabels() throws Exception {
        Store store = new Store();
        Agent a = agent(config(collector(store), ""));
        a.start();
        a.probeNow("a");
        a.probeNow("b");

        await().atMost(Duration.ofSeconds(20)).until(() -> store.reports.stream()
                .flatMap(r -> r.records().stream()).anyMatch(r -> r.checkResult() != null
                        && "a".equals(r.checkResult().target())));

        Report r = store.reports.get(store.reports.size() - 1);
        assertThat(r.agent()).isEqualTo("eu-1");
        AgentHealth h = r.health();
        assertThat(h.version()).isEqualTo(Version.current());
        assertThat(h.targets()).isEqualTo(2);
        assertThat(h.signatures()).isEqualTo(SignatureLibrary.builtIn().signatures().size());
        assertThat(h.journalCapacityBytes()).isEqualTo(256L << 20);
        assertThat(h.journalBytes()).isPositive();
        assertThat(h.journalDropped()).containsKeys("capacity", "age", "corrupt", "buffer_full")
                .containsEntry("capacity", 0L);
        assertThat(h.logEventsDropped()).as("queue_full + file_error").isEqualTo(4);
        assertThat(h.startedAt()).isBeforeOrEqualTo(r.sentAt());
        assertThat(h.forwardLagRecords()).isGreaterThanOrEqualTo(r.records().size());
        ReportRecord fromA = store.reports.stream().flatMap(x -> x.records().stream())
                .filter(x -> x.checkResult() != null && "a".equals(x.checkResult().target())).findFirst().orElseThrow();
        assertThat(fromA.checkResult().labels()).containsEntry("site", "acme").containsEntry("team", "web");
        assertThat(fromA.checkResult()).isEqualTo(a.snapshots().get(0).last());

        await().atMost(Duration.ofSeconds(20)).until(() -> a.forwarder().stats().lagRecords() == 0);
        assertThat(store.seqs()).doesNotHaveDuplicates();
        try (AgentServer server = new AgentServer(new HostPort("127.0.0.1", 0), a.metrics().registry(),
                a::snapshots, a::isStarted, () -> new AgentServer.Reloader.Outcome(true, "ok"), () -> { })) {
            server.forwarder(() -> a.forwarder().stats());
            server.start();
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    java.net.URI.create("http://" + server.hostPort() + "/api/v1/forwarder")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            var node = new ObjectMapper().readTree(body);
            assertThat(node.get("configured").asBoolean()).isTrue();
            assertThat(node.get("sent").asLong()).isEqualTo(store.seqs().size());
            assertThat(node.get("lag_records").asLong()).isZero();
            assertThat(node.get("url").asText()).endsWith("/api/v1/reports");
            assertThat(body).doesNotContain("wp_agent-test-token");
        }
        assertThat(a.metrics().registry().scrape().stream()
                .anyMatch(m -> m.getMetadata().getName().equals("watchpost_forward_sent"))).isTrue();
    }

    @Test
    void probingGoesOnWhileTheCollectorHangs() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Dispatcher hang = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                release.await(60, TimeUnit.SECONDS);
                return new MockResponse.Builder().code(503).build();
            }
        };
        MockWebServer stuck = collector(hang);
        Agent a = agent(config(stuck, "timeout: 1m"));
        a.start();
        try {
            a.probeNow("a");
            await().atMost(Duration.ofSeconds(20)).until(() -> stuck.getRequestCount() >= 1);

            long before = a.journal().stats().produced();
            for (int i = 0; i < 20; i++) {
                a.probeNow(i % 2 == 0 ? "a" : "b");
            }

            assertThat(a.journal().stats().produced() - before).as("every probe journalled").isGreaterThanOrEqualTo(20);
            assertThat(a.forwarder().stats().batches()).as("the forwarder is still stuck in its first report")
                    .isEqualTo(1);
            assertThat(a.forwarder().stats().sent()).isZero();
        } finally {
            release.countDown();
        }
    }

    @Test
    void aReloadToAnotherCollectorKeepsTheCursor() throws Exception {
        Store first = new Store();
        MockWebServer one = collector(first);
        Agent a = agent(config(one, ""));
        a.start();
        a.probeNow("a");
        await().atMost(Duration.ofSeconds(20)).until(() -> a.forwarder().stats().lagRecords() == 0);
        long cursor = a.journal().stats().cursor();
        assertThat(cursor).isPositive();

        Store second = new Store();
        a.reload(config(collector(second), "batch_max_records: 100"));
        a.probeNow("b");

        await().atMost(Duration.ofSeconds(20)).until(() -> !second.reports.isEmpty()
                && a.forwarder().stats().lagRecords() == 0);
        assertThat(second.seqs()).isNotEmpty().allMatch(s -> s > cursor);
        assertThat(first.seqs()).allMatch(s -> s <= cursor);
    }
}
