package org.watchpost.agent.daemon;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Path;
import org.watchpost.agent.config.AgentConfig;
import org.watchpost.config.ConfigException;
import org.watchpost.agent.config.ConfigLoader;

/** Loopback sites and configs for agent-level tests. */
public final class TestSites {
    private TestSites() {
    }

    public static WireMockServer wiremock() {
        WireMockServer wm = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")
                .disableRequestJournal());
        wm.start();
        return wm;
    }

    /** A config with the given targets block (YAML list items), fast intervals and thresholds of 2. */
    public static AgentConfig config(Path dataDir, String targetsYaml) {
        try {
            return ConfigLoader.parse(dataDir.resolve("agent.yml"), yaml(dataDir, targetsYaml));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("test config is invalid:\n" + e.getMessage(), e);
        }
    }

    /** The same config written to {@code dataDir/agent.yml}, for tests that run the CLI or extend the text. */
    public static Path configFile(Path dataDir, String targetsYaml) throws java.io.IOException {
        return java.nio.file.Files.writeString(dataDir.resolve("agent.yml"), yaml(dataDir, targetsYaml));
    }

    private static String yaml(Path dataDir, String targetsYaml) {
        return """
                agent: { id: test, listen: "127.0.0.1:0", data_dir: "%s", max_concurrency: 4 }
                defaults:
                  interval: 1s
                  timeout: 900ms
                  failure_threshold: 2
                  success_threshold: 2
                  per_host_concurrency: 4
                  per_host_min_spacing: 0ms
                targets:
                %s
                """.formatted(dataDir, targetsYaml.indent(2));
    }
}
