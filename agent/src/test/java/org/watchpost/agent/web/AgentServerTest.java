package org.watchpost.agent.web;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.config.HostPort;
import org.watchpost.agent.daemon.Agent;
import org.watchpost.agent.daemon.TestSites;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.metrics.AgentMetrics;
import org.watchpost.agent.probe.HttpProber;
import org.watchpost.agent.time.TimeSource;

/** The agent's endpoints over real HTTP, with a real agent probing a loopback site. */
class AgentServerTest {
    @TempDir
    Path dir;
    private WireMockServer site;
    private Agent agent;
    private AgentServer server;
    private final AtomicBoolean reloadOk = new AtomicBoolean(true);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        site = TestSites.wiremock();
        site.stubFor(get(urlEqualTo("/press")).willReturn(aResponse().withStatus(200).withBody(
                "<html><body><h1>Press</h1></body></html>\n<b>Fatal error</b>:  Uncaught PDOException: "
                        + "SQLSTATE[HY000]: General error: 1114 The table 'watchdog' is full in /var/www/x.php:17")));
        site.stubFor(get(urlEqualTo("/news")).willReturn(aResponse().withStatus(200)
                .withBody("<html><head><title>News</title></head><body>ok</body></html>")));
        String base = "http://127.0.0.1:" + site.port();
        agent = new Agent(TestSites.config(dir, "- { name: seed-press, url: \"" + base + "/press\", "
                + "failure_threshold: 1 }\n- { name: news, url: \"" + base + "/news\" }"),
                new HttpProber(TimeSource.system()), SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS,
                TimeSource.system(), () -> new AgentMetrics.LogCounts(7, 2, 3));
        server = new AgentServer(new HostPort("127.0.0.1", 0), agent.metrics().registry(), agent::statuses,
                agent::isStarted, () -> new AgentServer.Reloader.Outcome(reloadOk.get(),
                        reloadOk.get() ? "reloaded" : "agent.yml:3:5: unknown key 'x'"),
                agent.metrics()::httpRequestRejected);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
        agent.close();
        site.stop();
    }

    private HttpResponse<String> call(String method, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://" + server.hostPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double sample(String metrics, String name, String labels) {
        String series = labels.isEmpty() ? Pattern.quote(name) : Pattern.quote(name) + "\\{" + labels + "\\}";
        var m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("%s{%s} in\n%s", name, labels, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void metricsAreScrapedOverHttp() throws Exception {
        agent.probeNow("seed-press");
        agent.probeNow("news");

        HttpResponse<String> r = call("GET", "/metrics");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("text/plain");
        String m = r.body();
        assertThat(sample(m, "watchpost_probe_failure_info",
                "class=\"db_storage_full\",signature=\"mysql.table_full\",target=\"seed-press\"")).isEqualTo(1);
        assertThat(sample(m, "watchpost_target_up", "target=\"seed-press\"")).isEqualTo(0);
        assertThat(sample(m, "watchpost_probe_success", "target=\"seed-press\"")).isEqualTo(0);
        assertThat(sample(m, "watchpost_probe_http_status_code", "target=\"seed-press\"")).isEqualTo(200);
        assertThat(sample(m, "watchpost_target_up", "target=\"news\"")).isEqualTo(1);
        assertThat(sample(m, "watchpost_probe_success", "target=\"news\"")).isEqualTo(1);
        assertThat(sample(m, "watchpost_probe_checks_total", "result=\"down\",target=\"seed-press\"")).isEqualTo(1);
        assertThat(sample(m, "watchpost_probe_phase_seconds", "phase=\"processing\",target=\"news\"")).isPositive();
        assertThat(sample(m, "watchpost_log_events_dropped_total", "reason=\"queue_full\"")).isEqualTo(7);
        assertThat(sample(m, "watchpost_log_events_dropped_total", "reason=\"file_error\"")).isEqualTo(2);
        assertThat(sample(m, "watchpost_log_events_suppressed_total", "")).isEqualTo(3);
        assertThat(m).doesNotContain("watchpost_probe_failure_info{class=\"db_storage_full\",signature=\"mysql"
                + ".table_full\",target=\"news\"}");
        assertThat(m).contains("watchpost_build_info{version=").contains("jvm_memory_used_bytes")
                .contains("process_cpu_seconds_total").contains("watchpost_scheduler_lag_seconds_bucket");
    }

    @Test
    void targetsApiShowsStateAndEvidence() throws Exception {
        agent.probeNow("seed-press");

        HttpResponse<String> r = call("GET", "/api/v1/targets");

        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode targets = new ObjectMapper().readTree(r.body()).get("targets");
        assertThat(targets).hasSize(2);
        JsonNode seed = targets.get(0);
        assertThat(seed.get("name").asText()).isEqualTo("seed-press");
        assertThat(seed.get("state").asText()).isEqualTo("DOWN");
        assertThat(seed.at("/last/verdict").asText()).isEqualTo("down");
        assertThat(seed.at("/last/class").asText()).isEqualTo("db_storage_full");
        assertThat(seed.at("/last/findings/0/evidence").asText()).contains("watchdog");
        assertThat(seed.at("/last/findings/0/hint").asText()).isNotBlank();
        assertThat(targets.get(1).get("state").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void readinessFollowsTheAgent() throws Exception {
        assertThat(call("GET", "/-/healthy").statusCode()).isEqualTo(200);
        assertThat(call("GET", "/-/ready").statusCode()).isEqualTo(503);
        agent.start();
        assertThat(call("GET", "/-/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void reloadIsPostOnlyAndReportsProblems() throws Exception {
        HttpResponse<String> get = call("GET", "/-/reload");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).contains("POST");

        assertThat(call("POST", "/-/reload").statusCode()).isEqualTo(200);
        reloadOk.set(false);
        HttpResponse<String> bad = call("POST", "/-/reload");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("agent.yml:3:5: unknown key 'x'");
    }

    @Test
    void unknownPathsAre404WithTheEndpointList() throws Exception {
        HttpResponse<String> r = call("GET", "/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("/metrics").contains("/api/v1/targets");
    }
}
