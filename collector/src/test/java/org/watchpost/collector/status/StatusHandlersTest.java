package org.watchpost.collector.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.watchpost.collector.fleettest.FakeResults.down;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.collector.fleet.MaintenanceCalendar;
import org.watchpost.collector.fleettest.Configs;
import org.watchpost.collector.fleettest.FakeClock;
import org.watchpost.collector.fleettest.FleetHarness;
import org.watchpost.collector.fleettest.TestDatabase;
import org.watchpost.collector.store.Dialect;
import org.watchpost.collector.web.CollectorServer;
import org.watchpost.collector.web.Routes;
import org.watchpost.collector.web.ServerSettings;
import org.watchpost.config.HostPort;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.WireJson;

/** The status page and its JSON over the collector's real HTTP server: shapes, errors and the read protection. */
class StatusHandlersTest {
    @TempDir
    Path dir;
    private FleetHarness h;
    private CollectorServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    private String serve(StatusPageSettings page) throws Exception {
        FleetConfig base = Configs.fleet(List.of(), List.of(), MaintenanceCalendar.NONE);
        h = new FleetHarness(TestDatabase.sqlite(dir), Dialect.SQLITE, new FleetConfig(base.consensus(),
                base.alerting(), base.maintenance(), page), new FakeClock(Instant.parse("2026-12-04T10:00:00Z")));
        for (String agent : List.of("eu-1", "us-1")) {
            h.report(agent, down("news", h.clock.instant(), FailureClass.DB_STORAGE_FULL, "table 'watchdog' is <full>",
                    "unicri", "web"));
        }
        h.evaluate();
        Routes routes = new Routes(WireJson.newMapper());
        h.module().routes(routes::get);
        server = new CollectorServer(new ServerSettings(HostPort.parse("127.0.0.1:0"), Duration.ofSeconds(30), 8),
                routes, new SimpleMeterRegistry());
        server.start();
        return "http://127.0.0.1:" + server.hostPort().port();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (h != null) {
            h.close();
        }
    }

    private HttpResponse<String> get(String url, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theJsonTwinsCarryTheIncidentWithItsTimeline() throws Exception {
        String base = serve(StatusPageSettings.open());

        HttpResponse<String> incidents = get(base + "/api/v1/incidents", null);
        assertThat(incidents.statusCode()).isEqualTo(200);
        assertThat(incidents.headers().firstValue("Content-Type")).contains("application/json");
        JsonNode body = new ObjectMapper().readTree(incidents.body());
        assertThat(body.get("open")).hasSize(1);
        assertThat(body.at("/open/0/class").asText()).isEqualTo("db_storage_full");
        assertThat(body.at("/open/0/state").asText()).isEqualTo("open");
        assertThat(body.at("/open/0/timeline/0/kind").asText()).isEqualTo("opened");
        assertThat(body.get("recent")).isEmpty();
        long id = body.at("/open/0/id").asLong();

        assertThat(new ObjectMapper().readTree(get(base + "/api/v1/incidents/" + id, null).body())
                .get("target").asText()).isEqualTo("news");
        HttpResponse<String> missing = get(base + "/api/v1/incidents/999", null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"error\":\"there is no incident 999\"}");
        assertThat(get(base + "/api/v1/incidents?limit=lots", null).body())
                .isEqualTo("{\"error\":\"limit must be a number from 0 to 500, not 'lots'\"}");

        JsonNode status = new ObjectMapper().readTree(get(base + "/api/v1/status", null).body());
        assertThat(status.at("/targets/0/target").asText()).isEqualTo("news");
        assertThat(status.at("/targets/0/state").asText()).isEqualTo("down");
        assertThat(status.at("/targets/0/agreeing")).hasSize(2);
        assertThat(status.at("/history/news")).hasSize(1);
        assertThat(status.get("open_incidents")).hasSize(1);

        HttpResponse<String> page = get(base + "/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).startsWith("default-src 'none'"));
        assertThat(page.body()).contains("table 'watchdog' is &lt;full&gt;").doesNotContain("<full>");
    }

    @Test
    void aReadTokenProtectsThePageAndTheJson() throws Exception {
        String base = serve(new StatusPageSettings(null, "t0ken", null, null));

        for (String path : List.of("/", "/api/v1/status", "/api/v1/incidents")) {
            HttpResponse<String> refused = get(base + path, null);
            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.body()).doesNotContain("watchdog");
            assertThat(get(base + path, "Bearer wrong").statusCode()).isEqualTo(401);
            assertThat(get(base + path, "Bearer t0ken").statusCode()).isEqualTo(200);
        }
        assertThat(get(base + "/?token=t0ken", null).statusCode()).isEqualTo(200);
    }

    @Test
    void basicAuthAsksTheBrowserForCredentials() throws Exception {
        String base = serve(new StatusPageSettings(null, null, "ops", "pa:ss"));

        HttpResponse<String> refused = get(base + "/", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).contains(
                "Basic realm=\"Watchpost status\", charset=\"UTF-8\"");
        String good = "Basic " + Base64.getEncoder().encodeToString("ops:pa:ss".getBytes(StandardCharsets.UTF_8));
        String bad = "Basic " + Base64.getEncoder().encodeToString("ops:nope".getBytes(StandardCharsets.UTF_8));
        assertThat(get(base + "/", good).statusCode()).isEqualTo(200);
        assertThat(get(base + "/", bad).statusCode()).isEqualTo(401);
    }
}
