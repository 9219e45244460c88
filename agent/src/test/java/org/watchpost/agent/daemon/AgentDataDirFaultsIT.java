package org.watchpost.agent.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.e2e.PrometheusText;
import org.watchpost.agent.e2e.Tmpfs;
import org.watchpost.agent.metrics.AgentMetrics;
import org.watchpost.agent.probe.HttpProber;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.agent.web.AgentServer;
import org.watchpost.config.HostPort;

/**
 * The agent's data_dir on a real tmpfs, read-only when the agent starts ({@code mount -o remount,ro}; the kernel
 * refuses to make a mount read-only while files on it are open for writing), then made writable while it runs, then
 * its journal directory deleted: probing and {@code /metrics} go on throughout, every record the
 * disk refuses is counted, writing resumes by itself, and {@code /metrics} never reports segments that are gone.
 */
class AgentDataDirFaultsIT {
    @TempDir
    Path tmp;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    @Timeout(240)
    void aReadOnlyThenDeletedDataDirectoryStopsNeitherProbingNorMetricsAndIsCounted() throws Exception {
        WireMockServer site = TestSites.wiremock();
        site.stubFor(get(urlEqualTo("/news")).willReturn(aResponse().withStatus(200)
                .withBody("<html><head><title>News</title></head><body>Ordinary news.</body></html>")));
        try (Tmpfs fs = Tmpfs.mount(tmp.resolve("fs"), 8 << 20)) {
            // Read-only before the agent starts: a mount with files open for writing cannot be made read-only.
            run("mount", "-o", "remount,ro", fs.dir().toString());
            long readOnlyAt = System.nanoTime();
            Agent agent = new Agent(DiskFaultAgent.config("ro-disk", fs.dir(), "http://127.0.0.1:" + site.port() + "/news"),
                    new HttpProber(TimeSource.system()), SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS,
                    TimeSource.system(), () -> AgentMetrics.LogCounts.NONE);
            AgentServer server = new AgentServer(new HostPort("127.0.0.1", 0), agent.metrics()::writeText,
                    agent::snapshots, agent::isStarted, () -> new AgentServer.Reloader.Outcome(true, "reloaded"),
                    agent.metrics()::httpRequestRejected, java.util.Set.of(), r -> { });
            server.start();
            try {
                agent.start();
                await("EROFS counted").atMost(Duration.ofSeconds(30)).until(() -> DiskFaultAgent.dropped(scrape(server),
                        "io_error") > 0);
                await("probing goes on while read-only").atMost(Duration.ofSeconds(60))
                        .until(() -> DiskFaultAgent.checks(scrape(server)) >= 5);
                PrometheusText ro = scrape(server);
                assertThat(value(ro, "watchpost_journal_head_sequence")).as("nothing written").isZero();
                assertThat(agent.snapshots().get(0).last().verdict()).isEqualTo(org.watchpost.protocol.Verdict.UP);
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + "/-/healthy"))
                        .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

                run("mount", "-o", "remount,rw", fs.dir().toString());
                long writableAt = System.nanoTime();
                await("writing resumes").atMost(Duration.ofSeconds(30)).until(() -> value(scrape(server),
                        "watchpost_journal_head_sequence") > 0);
                long resumeMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - writableAt);
                double ioErrors = DiskFaultAgent.dropped(scrape(server), "io_error");

                Path journal = fs.dir().resolve("journal");
                try (Stream<Path> all = Files.walk(journal)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
                long deletedAt = System.nanoTime();
                await("the deletion noticed").atMost(Duration.ofSeconds(30)).until(() -> scrape(server)
                        .value("watchpost_journal_faults_total", Map.of("kind", "directory_lost")).orElse(0) == 1);
                long noticedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - deletedAt);
                await("segments on /metrics are the files on disk").atMost(Duration.ofSeconds(30)).until(() ->
                        value(scrape(server), "watchpost_journal_segments") == segmentFiles(journal)
                                && Files.isDirectory(journal) && segmentFiles(journal) > 0);
                PrometheusText end = scrape(server);
                System.out.printf("RELIABILITY data-dir-faults: tmpfs remounted read-only: %.0f records counted "
                                + "io_error while probing and scrapes went on (%d ms read-only), writing resumed %d ms after "
                                + "remount rw; journal directory deleted: noticed in %d ms, %.0f records counted "
                                + "corrupt, %.0f segments on /metrics = on disk%n", ioErrors,
                        TimeUnit.NANOSECONDS.toMillis(writableAt - readOnlyAt), resumeMs, noticedMs,
                        DiskFaultAgent.dropped(end, "corrupt"), value(end, "watchpost_journal_segments"));
            } finally {
                server.close();
                agent.close();
                site.stop();
                run("mount", "-o", "remount,rw", fs.dir().toString());
            }
        }
    }

    private static long segmentFiles(Path journal) throws IOException {
        if (!Files.isDirectory(journal)) {
            return -1;
        }
        try (Stream<Path> s = Files.list(journal)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".seg")).count();
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
    }

    private PrometheusText scrape(AgentServer server) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + server.hostPort()
                + "/metrics")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET /metrics").isEqualTo(200);
        PrometheusText m = PrometheusText.parse(r.body());
        double produced = value(m, "watchpost_journal_records_total");
        double acknowledged = value(m, "watchpost_journal_acknowledged_records_total");
        double stored = value(m, "watchpost_journal_stored_records");
        double dropped = m.find("watchpost_journal_dropped_total", Map.of()).stream()
                .mapToDouble(PrometheusText.Sample::value).sum();
        assertThat(produced).as("records_total = acknowledged + stored + dropped").isEqualTo(
                acknowledged + stored + dropped);
        return m;
    }

    private static double value(PrometheusText m, String name) {
        return m.value(name, Map.of()).orElseThrow();
    }
}
