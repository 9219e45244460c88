package org.watchpost.agent.daemon;

import java.nio.file.Path;
import java.util.Map;
import org.watchpost.agent.config.AgentConfig;
import org.watchpost.agent.config.ConfigLoader;
import org.watchpost.agent.e2e.PrometheusText;

/**
 * What the disk-fault tests share: a one-target agent that probes twice a second into a small journal on the
 * filesystem under test, and the figures they read off its scrapes.
 */
final class DiskFaultAgent {
    private DiskFaultAgent() {
    }

    static AgentConfig config(String id, Path dataDir, String url) throws Exception {
        String yaml = """
                agent: { id: %s, listen: "127.0.0.1:0", data_dir: "%s", max_concurrency: 2 }
                journal: { max_bytes: 1MiB, segment_bytes: 128KiB, keep_free_bytes: 0 }
                defaults:
                  interval: 500ms
                  timeout: 400ms
                  per_host_concurrency: 1
                  per_host_min_spacing: 0ms
                targets:
                  - { name: news, url: "%s" }
                """.formatted(id, dataDir, url);
        return ConfigLoader.parse(dataDir.resolve("agent.yml"), yaml);
    }

    static double dropped(PrometheusText m, String reason) {
        return m.value("watchpost_journal_dropped_total", Map.of("reason", reason)).orElse(0);
    }

    static double checks(PrometheusText m) {
        return m.find("watchpost_probe_checks_total", Map.of("target", "news")).stream()
                .mapToDouble(PrometheusText.Sample::value).sum();
    }
}
