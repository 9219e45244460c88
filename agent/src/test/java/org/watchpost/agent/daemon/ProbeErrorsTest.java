package org.watchpost.agent.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.detect.DetectorSettings;
import org.watchpost.agent.detect.SignatureLibrary;
import org.watchpost.agent.metrics.AgentMetrics;
import org.watchpost.agent.probe.ProbeRequest;
import org.watchpost.agent.probe.ProbeResult;
import org.watchpost.agent.probe.Prober;
import org.watchpost.agent.time.TimeSource;

/** A bug in a prober or the detector is a Watchpost failure, not the target's: it must show on /metrics. */
class ProbeErrorsTest {
    @TempDir
    Path dir;
    private Agent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
    }

    static String scrape(AgentMetrics metrics) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    static double value(String text, String series) {
        var m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        assertThat(m.find()).as("%s in\n%s", series, text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void probesThatThrowAndBugsTheProberCaughtAreCountedOnMetrics() throws Exception {
        Prober broken = new Prober() {
            @Override
            public ProbeResult probe(ProbeRequest request) {
                throw new IllegalStateException("a bug in the prober");
            }

            @Override
            public long internalErrors() {
                return 3;
            }
        };
        agent = new Agent(TestSites.config(dir, "- { name: t, url: \"http://127.0.0.1:9/\" }"), broken,
                SignatureLibrary.builtIn(), DetectorSettings.DEFAULTS, TimeSource.system(),
                () -> AgentMetrics.LogCounts.NONE);
        agent.start();
        await().atMost(Duration.ofSeconds(20)).until(
                () -> value(scrape(agent.metrics()), "watchpost_probe_errors_total{stage=\"check\"}") >= 1);
        assertThat(value(scrape(agent.metrics()), "watchpost_probe_errors_total{stage=\"fetch\"}")).isEqualTo(3);
    }
}
