package org.watchpost.collector.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.watchpost.collector.ingest.AgentCredential;
import org.watchpost.collector.ingest.LimitSettings;
import org.watchpost.collector.status.FleetConfig;
import org.watchpost.collector.store.RetentionSettings;
import org.watchpost.config.HostPort;

/**
 * A validated collector configuration.
 *
 * @param source     the file it came from
 * @param listen     {@code collector.listen}
 * @param dataDir    {@code collector.data_dir}: the SQLite file and the logs
 * @param database   {@code collector.database_url} and its password, or null for SQLite under dataDir
 * @param agents     {@code agents}: who may push, by token hash
 * @param retention  {@code retention}
 * @param limits     {@code limits}
 */
public record CollectorConfig(Path source, HostPort listen, Path dataDir, ExternalDatabase database,
                              List<AgentCredential> agents, RetentionSettings retention, LimitSettings limits,
                              FleetConfig fleet) {
    public static final HostPort DEFAULT_LISTEN = new HostPort("127.0.0.1", 9930);
    public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/watchpost-collector");

    /** A PostgreSQL database; the password comes from the URL or from {@code database_password_file}. */
    public record ExternalDatabase(String url, Path passwordFile) {
        public ExternalDatabase {
            Objects.requireNonNull(url, "url");
        }

        @Override
        public String toString() {
            return url.replaceAll("password=[^&]*", "password=***");
        }
    }

    public CollectorConfig {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(dataDir, "dataDir");
        agents = List.copyOf(agents);
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(limits, "limits");
        fleet = fleet == null ? FleetConfig.defaults() : fleet;
    }

    /** A config with the fleet's defaults (consensus by majority, no alerting, no maintenance, an open status page). */
    public CollectorConfig(Path source, HostPort listen, Path dataDir, ExternalDatabase database,
                           List<AgentCredential> agents, RetentionSettings retention, LimitSettings limits) {
        this(source, listen, dataDir, database, agents, retention, limits, null);
    }

    public CollectorConfig withListen(HostPort l) {
        return new CollectorConfig(source, l, dataDir, database, agents, retention, limits, fleet);
    }

    public CollectorConfig withDataDir(Path d) {
        return new CollectorConfig(source, listen, d, database, agents, retention, limits, fleet);
    }

    public List<String> agentIds() {
        return agents.stream().map(AgentCredential::id).toList();
    }
}
