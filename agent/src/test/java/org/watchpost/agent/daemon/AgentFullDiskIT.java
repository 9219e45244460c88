package org.watchpost.agent.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.config.HostPort;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.e2e.PrometheusText;
import org.watchpost.agent.e2e.Tmpfs;
import org.watchpost.agent.metrics.AgentMetrics;
import org.watchpost.agent.probe.HttpProber;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.agent.web.AgentServer;

/**
 * Guarantee 3 for the whole agent: with its data_dir on a real 4 MiB tmpfs filled to the last page (the kernel answers
 * ENOSPC), the agent keeps probing its loopback site on schedule and {@code /metrics} keeps answering, showing the
 * drops as {@code disk_full} with the journal's accounting adding up on every scrape; once space returns the journal
 * writes again by itself.
 */
class AgentFullDiskIT {
    @TempDir
    Path tmp;
    private final HttpClient http = HttpClient.newHttpClient();
    /** Scrapes answered so far; Awaitility polls on its own thread. */
    private final AtomicLong scrapes = new AtomicLong();

    @Test
    @Timeout(180)
    void aFullDiskStopsNeitherProbingNorMetrics() throws Exception {
        WireMockServer site = TestSites.wiremock();
        site.stubFor(get(urlEqualTo("/news")).willReturn(aResponse().withStatus(200)
                .withBody("<html><head><title>News</title></head><body>" + "Ordinary news. ".repeat(40)
                        + "</body></html>")));
        try (Tmpfs fs = Tmpfs.mount(tmp.resolve("fs"), 4 << 20)) {
            Agent agent = new Agent(DiskFaultAgent.config("full-disk", fs.dir(), "http://127.0.0.1:" + site.port() + "/news"),
                    new HttpProber(TimeSource.system()), SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS,
                    TimeSource.system(), () -> AgentMetrics.LogCounts.NONE);
            AgentServer server = new AgentServer(new HostPort("127.0.0.1", 0), agent.metrics().registry(),
                    agent::snapshots, agent::isStarted, () -> new AgentServer.Reloader.Outcome(true, "reloaded"),
                    agent.metrics()::httpRequestRejected);
            server.start();
            try {
                agent.start();
                await("the first records on disk").atMost(Duration.ofSeconds(30))
                        .until(() -> scrape(server).value("watchpost_journal_head_sequence", Map.of())
                                .orElse(0) >= 4);

                Path filler = fs.fill("filler");
                long scrapesBeforeFull = scrapes.get();
                await("ENOSPC counted as disk_full").atMost(Duration.ofSeconds(30))
                        .until(() -> DiskFaultAgent.dropped(scrape(server), "disk_full") > 0);
                PrometheusText full = scrape(server);
                double checksWhenFull = DiskFaultAgent.checks(full);
                double droppedWhenFull = DiskFaultAgent.dropped(full, "disk_full");
                await("probing and scraping to go on while the disk is full").atMost(Duration.ofSeconds(60))
                        .until(() -> {
                            PrometheusText m = scrape(server);
                            return DiskFaultAgent.checks(m) >= checksWhenFull + 5
                                    && DiskFaultAgent.dropped(m, "disk_full") > droppedWhenFull;
                        });
                PrometheusText stillFull = scrape(server);
                long scrapesWhileFull = scrapes.get() - scrapesBeforeFull;
                assertThat(DiskFaultAgent.dropped(stillFull, "io_error")).as("ENOSPC is not an io_error").isZero();
                assertThat(DiskFaultAgent.dropped(stillFull, "keep_free")).isZero();
                assertThat(agent.snapshots().get(0).last().verdict()).as("the site is still seen up").isEqualTo(org.watchpost.protocol.Verdict.UP);

                double headWhenFull = stillFull.value("watchpost_journal_head_sequence", Map.of()).orElseThrow();
                Files.delete(filler);
                long freed = System.nanoTime();
                await("the journal to write again").atMost(Duration.ofSeconds(30))
                        .until(() -> scrape(server).value("watchpost_journal_head_sequence", Map.of()).orElseThrow()
                                > headWhenFull);
                long resumeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - freed);
                PrometheusText end = scrape(server);
                System.out.printf("RELIABILITY g3 agent-full-disk: data_dir on a full %d MiB tmpfs: %.0f checks done "
                                + "and %.0f scrapes answered while full, %.0f records dropped as disk_full; writing "
                                + "resumed %d ms after the space returned%n", 4, DiskFaultAgent.checks(stillFull) - checksWhenFull,
                        (double) scrapesWhileFull, DiskFaultAgent.dropped(end, "disk_full"), resumeMillis);
            } finally {
                server.close();
                agent.close();
                site.stop();
            }
        }
    }

    /** GET /metrics; every scrape must answer and carry a journal accounting that adds up. */
    private PrometheusText scrape(AgentServer server) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + server.hostPort()
                + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET /metrics").isEqualTo(200);
        scrapes.incrementAndGet();
        PrometheusText m = PrometheusText.parse(r.body());
        double produced = m.value("watchpost_journal_records_total", Map.of()).orElseThrow();
        double acknowledged = m.value("watchpost_journal_acknowledged_records_total", Map.of()).orElseThrow();
        double stored = m.value("watchpost_journal_stored_records", Map.of()).orElseThrow();
        double dropped = m.find("watchpost_journal_dropped_total", Map.of()).stream()
                .mapToDouble(PrometheusText.Sample::value).sum();
        assertThat(produced).as("records_total = acknowledged + stored + dropped on one scrape:\n%s",
                PrometheusText.watchpostLines(r.body())).isEqualTo(acknowledged + stored + dropped);
        return m;
    }
}
