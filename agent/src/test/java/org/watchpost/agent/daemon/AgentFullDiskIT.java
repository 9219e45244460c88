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
import org.watchpost.agent.config.AgentConfig;
import org.watchpost.agent.config.ConfigLoader;
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
            Agent agent = new Agent(config(fs.dir(), "http://127.0.0.1:" + site.port() + "/news"),
                    new HttpProber(TimeSource.system()), SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS,
                    TimeSource.system(), () -> AgentMetrics.LogCounts.NONE);
            AgentServer server = new AgentServer(new HostPort("127.0.0.1", 0), agent.metrics().registry(),
                    agent::statuses, agent::isStarted, () -> new AgentServer.Reloader.Outcome(true, "reloaded"),
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
                        .until(() -> dropped(scrape(server), "disk_full") > 0);
                PrometheusText full = scrape(server);
                double checksWhenFull = checks(full);
                double droppedWhenFull = dropped(full, "disk_full");
                await("probing and scraping to go on while the disk is full").atMost(Duration.ofSeconds(60))
                        .until(() -> {
                            PrometheusText m = scrape(server);
                            return checks(m) >= checksWhenFull + 5 && dropped(m, "disk_full") > droppedWhenFull;
                        });
                PrometheusText stillFull = scrape(server);
                long scrapesWhileFull = scrapes.get() - scrapesBeforeFull;
                assertThat(dropped(stillFull, "io_error")).as("ENOSPC is not an io_error").isZero();
                assertThat(dropped(stillFull, "keep_free")).isZero();
                assertThat(agent.statuses().get(0).last().verdict()).as("the site is still seen up").isEqualTo(org.watchpost.protocol.Verdict.UP);

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
                                + "resumed %d ms after the space returned%n", 4, checks(stillFull) - checksWhenFull,
                        (double) scrapesWhileFull, dropped(end, "disk_full"), resumeMillis);
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

    private static double dropped(PrometheusText m, String reason) {
        return m.value("watchpost_journal_dropped_total", Map.of("reason", reason)).orElse(0);
    }

    private static double checks(PrometheusText m) {
        return m.find("watchpost_probe_checks_total", Map.of("target", "news")).stream()
                .mapToDouble(PrometheusText.Sample::value).sum();
    }

    private static AgentConfig config(Path dataDir, String url) throws Exception {
        String yaml = """
                agent: { id: full-disk, listen: "127.0.0.1:0", data_dir: "%s", max_concurrency: 2 }
                journal: { max_bytes: 1MiB, segment_bytes: 128KiB, keep_free_bytes: 0 }
                defaults:
                  interval: 500ms
                  timeout: 400ms
                  per_host_concurrency: 1
                  per_host_min_spacing: 0ms
                targets:
                  - { name: news, url: "%s" }
                """.formatted(dataDir, url);
        return ConfigLoader.parse(dataDir.resolve("agent.yml"), yaml);
    }
}
