package org.watchpost.agent.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.journal.JournalRecord;
import org.watchpost.agent.metrics.AgentMetrics;
import org.watchpost.agent.probe.HttpProber;
import org.watchpost.agent.probe.SafeUrl;
import org.watchpost.agent.time.TimeSource;
import org.watchpost.protocol.WireJson;

/** Tokens in a target's URL and session ids handed out by redirects never leave the agent. */
class SecretsInUrlsTest {
    @TempDir
    Path dir;
    private WireMockServer site;
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        if (site != null) {
            site.stop();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            query tokens       | https://x.org/feed?token=T0KEN&api_key=K3Y&page=2         | https://x.org/feed?token=***&api_key=***&page=2
            key and password   | https://x.org/a?key=K3Y&password=PW&q=news                | https://x.org/a?key=***&password=***&q=news
            user info          | https://admin:hunter2@x.org/private                       | https://admin:***@x.org/private
            user only          | https://deploytoken@x.org/private                         | https://***@x.org/private
            path session id    | https://x.org/home;jsessionid=ABC123?lang=en              | https://x.org/home;jsessionid=***?lang=en
            redirect session   | https://x.org/home?sid=S1D&PHPSESSID=P1D&access_token=AT  | https://x.org/home?sid=***&PHPSESSID=***&access_token=***
            nothing secret     | https://x.org/news?page=2&lang=fr#top                     | https://x.org/news?page=2&lang=fr#top
            """)
    void urlsAreMasked(String what, String url, String expected) {
        assertThat(SafeUrl.mask(url)).as(what).isEqualTo(expected);
    }

    @Test
    void secretsInTheTargetUrlAndFromRedirectsReachNeitherTheApiNorTheJournal() throws Exception {
        site = TestSites.wiremock();
        site.stubFor(get(urlPathEqualTo("/feed")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", "/home;jsessionid=REDIRECTSESSION?sid=REDIRECTSID")));
        site.stubFor(get(urlPathEqualTo("/home;jsessionid=REDIRECTSESSION")).willReturn(aResponse().withStatus(200)
                .withBody("<html><head><title>Home</title></head><body>ok</body></html>")));
        site.stubFor(get(urlPathEqualTo("/home")).willReturn(aResponse().withStatus(200)
                .withBody("<html><head><title>Home</title></head><body>ok</body></html>")));
        String url = "http://127.0.0.1:" + site.port() + "/feed?token=QUERYTOKEN&api_key=APIKEY";
        agent = new Agent(TestSites.config(dir, "- { name: feed, url: \"" + url + "\" }"),
                new HttpProber(TimeSource.system()), SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS,
                TimeSource.system(), () -> AgentMetrics.LogCounts.NONE);
        agent.probeNow("feed");

        String api = WireJson.newMapper().writeValueAsString(agent.snapshots());
        assertThat(agent.journal().flush(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        List<JournalRecord> records = agent.journal().reader().next(100, 1 << 20);
        StringBuilder journal = new StringBuilder();
        records.forEach(r -> journal.append(new String(r.payload(), StandardCharsets.UTF_8)));
        assertThat(records).isNotEmpty();
        for (String leak : List.of("QUERYTOKEN", "APIKEY", "REDIRECTSESSION", "REDIRECTSID")) {
            assertThat(api).as("API").doesNotContain(leak);
            assertThat(journal).as("journal").doesNotContain(leak);
        }
        assertThat(api).contains("token=***").contains("jsessionid=***");
    }
}
