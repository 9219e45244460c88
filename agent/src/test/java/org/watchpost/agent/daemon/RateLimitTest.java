package org.watchpost.agent.daemon;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.metrics.AgentMetrics;
import org.watchpost.agent.probe.HttpProber;
import org.watchpost.agent.time.TimeSource;

/** "429 Too Many Requests, Retry-After: 3600" was a plain http_status failure and probing went on every interval. */
class RateLimitTest {
    @TempDir
    Path dir;
    private WireMockServer site;
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        site.stop();
    }

    @Test
    void aRetryAfterOfAnHourPostponesTheNextProbeByAnHourAndIsCounted() throws Exception {
        site = TestSites.wiremock();
        site.stubFor(get(urlEqualTo("/feed")).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "3600").withBody("slow down")));
        agent = new Agent(TestSites.config(dir, "- { name: feed, url: \"http://127.0.0.1:" + site.port()
                + "/feed\" }"), new HttpProber(TimeSource.system()), SignatureLibrary.builtIn(),
                DetectorSettings.DEFAULTS, TimeSource.system(), () -> AgentMetrics.LogCounts.NONE);
        agent.start();
        // The first probe may time out while the test server warms up; the first 429 is what counts.
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.snapshots().get(0).last() != null
                && Integer.valueOf(429).equals(agent.snapshots().get(0).last().status()));
        Instant next = agent.snapshots().get(0).nextProbeAt();
        assertThat(next).as("next probe").isAfter(Instant.now().plus(Duration.ofMinutes(59)));
        assertThat(ProbeErrorsTest.value(ProbeErrorsTest.scrape(agent.metrics()), "watchpost_probe_backoffs_total"))
                .isEqualTo(1);
        System.out.printf("RELIABILITY rate-limit: 429 with Retry-After 3600 at interval 1s: next probe in %d s%n",
                Duration.between(Instant.now(), next).toSeconds());
    }
}
