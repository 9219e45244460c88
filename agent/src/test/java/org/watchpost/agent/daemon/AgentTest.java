package org.watchpost.agent.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.config.AgentConfig;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.metrics.AgentMetrics;
import org.watchpost.agent.probe.HttpProber;
import org.watchpost.agent.state.TargetSnapshot;
import org.watchpost.agent.state.TargetState;
import org.watchpost.agent.state.Transition;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.protocol.CheckResult;
import org.watchpost.protocol.FailureClass;
import org.watchpost.protocol.Verdict;

class AgentTest {
    @TempDir
    Path dir;
    private WireMockServer site;
    private Agent agent;
    private final List<Transition> transitions = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        site = TestSites.wiremock();
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        site.stop();
    }

    private void page(String path, int status, String body) {
        site.stubFor(get(urlEqualTo(path)).willReturn(aResponse().withStatus(status).withBody(body)));
    }

    private Agent agent(String targets) throws java.io.IOException {
        AgentConfig config = TestSites.config(dir, targets);
        agent = new Agent(config, new HttpProber(TimeSource.system()), SignatureLibrary.builtIn(),
                DetectorSettings.DEFAULTS, TimeSource.system(), () -> AgentMetrics.LogCounts.NONE);
        agent.addListener(new Agent.Listener() {
            @Override
            public void transitioned(Transition t) {
                transitions.add(t);
            }
        });
        return agent;
    }

    private String url(String path) {
        return "http://127.0.0.1:" + site.port() + path;
    }

    @Test
    void failureThresholdTurnsTheTargetDownAndSuccessThresholdBringsItBack() throws Exception {
        page("/press", 200, "<html><body><h1>Press</h1></body></html>");
        Agent a = agent("- { name: press, url: \"" + url("/press") + "\" }");

        assertThat(a.probeNow("press").verdict()).isEqualTo(Verdict.UP);
        assertThat(a.snapshots().get(0).state()).isEqualTo(TargetState.UP);

        page("/press", 200, "<html><body><h1>Press</h1></body></html>\nSQLSTATE[HY000]: General error: 1114 "
                + "The table 'watchdog' is full");
        assertThat(a.probeNow("press").primaryClass()).isEqualTo(FailureClass.DB_STORAGE_FULL);
        assertThat(a.snapshots().get(0).state()).as("one failure is below the threshold of 2").isEqualTo(TargetState.UP);
        a.probeNow("press");
        assertThat(a.snapshots().get(0).state()).isEqualTo(TargetState.DOWN);

        page("/press", 200, "<html><body><h1>Press</h1></body></html>");
        a.probeNow("press");
        assertThat(a.snapshots().get(0).state()).isEqualTo(TargetState.DOWN);
        a.probeNow("press");
        assertThat(a.snapshots().get(0).state()).isEqualTo(TargetState.UP);

        assertThat(transitions).extracting(t -> t.from() + "→" + t.to())
                .containsExactly("UNKNOWN→UP", "UP→DOWN", "DOWN→UP");
        Transition down = transitions.get(1);
        assertThat(down.cause().findings().get(0).evidence()).contains("watchdog");
    }

    @Test
    void baselineSurvivesARestart() throws Exception {
        String quoted = "<html><body><h1>Help</h1><p>" + "Ordinary text. ".repeat(100) + "</p><pre>General error: "
                + "1114 The table 'sessions' is full</pre><p>" + "Ordinary text. ".repeat(100) + "</p></body></html>";
        page("/help", 200, quoted);
        String targets = "- { name: help, url: \"" + url("/help") + "\" }";
        Agent first = agent(targets);
        assertThat(first.probeNow("help").verdict()).isEqualTo(Verdict.UP);
        first.close();

        agent = new Agent(TestSites.config(dir, targets), new HttpProber(TimeSource.system()),
                SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS, TimeSource.system(), () -> AgentMetrics.LogCounts.NONE);
        page("/help", 200, "<html><body><h1>General error: 1114 The table 'sessions' is full</h1></body></html>");
        assertThat(agent.probeNow("help").verdict()).as("remembered from before the restart").isEqualTo(Verdict.UP);
    }

    @Test
    void structuralChecksThroughTheRealProber() throws Exception {
        page("/gone", 404, "<html>Not found</html>");
        page("/news", 200, "<html><body><h1>News</h1><p>Lorem ipsum dolor sit amet</p></body></html>");
        site.stubFor(get(urlEqualTo("/loop")).willReturn(aResponse().withStatus(302).withHeader("Location", "/loop2")));
        site.stubFor(get(urlEqualTo("/loop2")).willReturn(aResponse().withStatus(302).withHeader("Location", "/loop")));
        site.stubFor(get(urlEqualTo("/cut")).willReturn(aResponse().withStatus(200)
                .withFault(com.github.tomakehurst.wiremock.http.Fault.MALFORMED_RESPONSE_CHUNK)));
        Agent a = agent("- { name: gone, url: \"" + url("/gone") + "\" }\n"
                + "- { name: news, url: \"" + url("/news") + "\", "
                + "expect: { contains: [\"Ministry\"], not_contains: [\"Lorem ipsum\"] } }\n"
                + "- { name: loop, url: \"" + url("/loop") + "\" }\n"
                + "- { name: cut, url: \"" + url("/cut") + "\" }");

        var gone = a.probeNow("gone");
        assertThat(gone.primaryClass()).isEqualTo(FailureClass.HTTP_STATUS);
        assertThat(gone.findings().get(0).evidence()).contains("HTTP 404");

        var news = a.probeNow("news");
        assertThat(news.findings()).extracting(f -> f.failureClass())
                .containsExactlyInAnyOrder(FailureClass.CONTENT_MISSING, FailureClass.CONTENT_UNEXPECTED);

        var loop = a.probeNow("loop");
        assertThat(loop.primaryClass()).isEqualTo(FailureClass.HTTP_STATUS);
        assertThat(loop.findings().get(0).evidence()).contains("redirect loop");

        var cut = a.probeNow("cut");
        assertThat(cut.primaryClass()).isEqualTo(FailureClass.TRUNCATED);
    }

    @Test
    void userSignaturesFromTheConfigAreUsedAndReloaded() throws Exception {
        page("/portal", 200, "<html><body><h1>Permits</h1><p>ACME portal: backend pool exhausted</p></body></html>");
        String targets = "- { name: portal, url: \"" + url("/portal") + "\" }";
        String signature = """
                signatures:
                  - id: acme.pool_exhausted
                    class: db_overloaded
                    severity: critical
                    anchors: ["ACME portal: backend pool exhausted"]
                    hint: Restart the ACME portal's connection pool.
                """;
        AgentConfig with = org.watchpost.agent.config.ConfigLoader.parse(dir.resolve("a.yml"),
                Files.readString(TestSites.configFile(dir, targets)) + signature);
        agent = new Agent(with, new HttpProber(TimeSource.system()), SignatureLibrary.builtIn(),
                DetectorSettings.DEFAULTS, TimeSource.system(), () -> AgentMetrics.LogCounts.NONE);

        var r = agent.probeNow("portal");
        assertThat(r.primaryClass()).isEqualTo(FailureClass.DB_OVERLOADED);
        assertThat(r.findings().get(0).signature()).isEqualTo("acme.pool_exhausted");
        assertThat(r.findings().get(0).hint()).isEqualTo("Restart the ACME portal's connection pool.");

        agent.reload(TestSites.config(dir, targets));
        assertThat(agent.probeNow("portal").verdict()).as("signature removed by the reload").isEqualTo(Verdict.UP);
    }

    @Test
    void samplesCarryTheLastProbeAndCounters() throws Exception {
        page("/gone", 503, "<html><body>Service Unavailable</body></html>");
        Agent a = agent("- { name: gone, url: \"" + url("/gone") + "\" }");
        a.probeNow("gone");
        a.probeNow("gone");

        TargetSnapshot s = a.snapshots().get(0);
        assertThat(s.state()).isEqualTo(TargetState.DOWN);
        assertThat(s.last().status()).isEqualTo(503);
        assertThat(s.counters().checks().get(Verdict.DOWN)).isEqualTo(2);
        assertThat(s.last().findings()).extracting(f -> f.failureClass()).containsExactly(FailureClass.HTTP_STATUS);
        assertThat(s.last().durationSeconds()).isPositive();
        assertThat(s.last().phases().totalNanos()).isPositive();
    }

    @Test
    void theJournalHoldsTheSameSnapshotTheApiAndMetricsShow() throws Exception {
        page("/j", 200, "<html><body><h1>J</h1></body></html>");
        Agent a = agent("- { name: j, url: \"" + url("/j") + "\", labels: { site: acme } }");
        a.probeNow("j");
        a.journal().flush(5, java.util.concurrent.TimeUnit.SECONDS);
        try (var reader = a.journal().reader()) {
            var records = reader.next(10, 1 << 20);
            assertThat(records.get(0).type()).isEqualTo(org.watchpost.agent.journal.JournalRecord.Type.CHECK_RESULT);
            CheckResult journalled = org.watchpost.protocol.WireJson.newMapper()
                    .readValue(records.get(0).payload(), CheckResult.class);
            assertThat(journalled).isEqualTo(a.snapshots().get(0).last());
            assertThat(journalled.labels()).containsEntry("site", "acme");
            assertThat(journalled.bodyBytes()).isPositive();
        }
    }

    @Test
    void reloadKeepsStateOfUnchangedTargetsAddsAndRemovesOthers() throws Exception {
        page("/a", 500, "broken");
        page("/b", 200, "<html>fine</html>");
        Agent a = agent("- { name: a, url: \"" + url("/a") + "\" }\n- { name: old, url: \"" + url("/b") + "\" }");
        a.probeNow("a");
        a.probeNow("a");
        assertThat(a.snapshots().get(0).state()).isEqualTo(TargetState.DOWN);

        a.reload(TestSites.config(dir, "- { name: a, url: \"" + url("/a") + "\", failure_threshold: 3 }\n"
                + "- { name: new, url: \"" + url("/b") + "\" }"));

        assertThat(a.snapshots()).extracting(TargetSnapshot::name).containsExactly("a", "new");
        assertThat(a.snapshots().get(0).state()).as("state survives a reload").isEqualTo(TargetState.DOWN);
        assertThat(a.snapshots().get(1).state()).isEqualTo(TargetState.UNKNOWN);
    }

    @Test
    void scheduledProbesRunAndStopOnShutdown() throws Exception {
        page("/s", 200, "<html>ok</html>");
        Agent a = agent("- { name: s, url: \"" + url("/s") + "\" }");
        a.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.snapshots().get(0).counters().checks()
                .getOrDefault(Verdict.UP, 0L) >= 2);
        assertThat(a.shutdown(Duration.ofSeconds(5))).isTrue();
        long after = a.snapshots().get(0).counters().checks().get(Verdict.UP);
        // No probe starts after shutdown: the count stays where it was while the site keeps answering.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> a.snapshots().get(0).counters().checks().get(Verdict.UP) == after);
    }

    @Test
    void aFailureStringSeenWhileUpIsContentLater() throws Exception {
        // A help page that explains a database error: content while the target is up.
        String help = "<html><body><h1>Help</h1><p>If you see SQLSTATE[HY000]: General error: 1114 The table "
                + "'sessions' is full, wait a minute and reload.</p></body></html>";
        page("/help", 200, "<html><body><h1>Help</h1></body></html>");
        Agent a = agent("- { name: help, url: \"" + url("/help") + "\" }");
        a.probeNow("help");
        page("/help", 200, "<html><body><h1>Help</h1><p>PADDING</p><pre>SQLSTATE[HY000]: General error: 1114 The "
                + "table 'sessions' is full</pre><p>PADDING</p></body></html>".replace("PADDING",
                "Ordinary text. ".repeat(100)));
        assertThat(a.probeNow("help").verdict()).as("quoted in a long page: content").isEqualTo(Verdict.UP);
        // The same text, now alone on a short page, is remembered as content from when the target was up.
        page("/help", 200, help);
        assertThat(a.probeNow("help").verdict()).isEqualTo(Verdict.UP);
        assertThat(a.snapshots().get(0).last().findings()).isEmpty();
        // A different failure is not masked by the baseline.
        page("/help", 200, "<html><body>SQLSTATE[HY000]: General error: 1114 The table 'cache' is full</body></html>");
        assertThat(a.probeNow("help").primaryClass()).isEqualTo(FailureClass.DB_STORAGE_FULL);
    }
}
