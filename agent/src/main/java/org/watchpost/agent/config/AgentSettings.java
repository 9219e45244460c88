package org.watchpost.agent.config;

import java.nio.file.Path;
import java.util.Objects;
import org.watchpost.config.HostPort;

/**
 * The {@code agent:} section.
 *
 * @param id             names this vantage point to the collector and in logs (default: the host name)
 * @param listen         where {@code /metrics} and the API listen (default 127.0.0.1:9920)
 * @param dataDir        where the journal, baselines and log files live (default /var/lib/watchpost)
 * @param maxConcurrency how many probes may run at once across all targets (default 32)
 */
public record AgentSettings(String id, HostPort listen, Path dataDir, int maxConcurrency) {
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 9920);
    public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/watchpost");
    public static final int DEFAULT_MAX_CONCURRENCY = 32;

    public AgentSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(dataDir, "dataDir");
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
    }

    public AgentSettings withListen(HostPort newListen) {
        return new AgentSettings(id, newListen, dataDir, maxConcurrency);
    }

    public AgentSettings withDataDir(Path newDataDir) {
        return new AgentSettings(id, listen, newDataDir, maxConcurrency);
    }
}
