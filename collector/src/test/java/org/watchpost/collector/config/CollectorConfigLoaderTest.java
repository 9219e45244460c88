package org.watchpost.collector.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.watchpost.collector.ingest.AgentTokens;
import org.watchpost.config.HostPort;

class CollectorConfigLoaderTest {
    @Test
    void everyKeyIsRead() throws Exception {
        Path file = Path.of("src/test/resources/config/valid-rotation.yml");
        CollectorConfig c = CollectorConfigLoader.load(file);

        assertThat(c.listen()).isEqualTo(new HostPort("127.0.0.1", 0));
        assertThat(c.dataDir()).isEqualTo(file.toAbsolutePath().getParent().resolve("data"));
        assertThat(c.database()).isNull();
        assertThat(c.agentIds()).containsExactly("eu-1", "us-1");
        assertThat(c.agents().get(0).tokenSha256()).containsExactly("a".repeat(64), "b".repeat(64));
        assertThat(c.retention().maxDbBytes()).isEqualTo(64L << 20);
        assertThat(c.retention().keepFreeBytes()).isZero();
        assertThat(c.retention().maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(c.retention().maxResultsPerTarget()).isEqualTo(500);
        assertThat(c.limits().maxBodyBytes()).isEqualTo(1L << 20);
        assertThat(c.limits().maxDecompressedBytes()).isEqualTo(8L << 20);
        assertThat(c.limits().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.limits().maxJsonDepth()).isEqualTo(16);
        assertThat(c.limits().maxStringChars()).isEqualTo(4096);
    }

    @Test
    void defaultsAreSafe() throws Exception {
        CollectorConfig c = CollectorConfigLoader.parse(Path.of("/etc/watchpost/collector.yml"),
                "agents:\n  - { id: eu-1, token_sha256: " + AgentTokens.sha256Hex("t") + " }\n");

        assertThat(c.listen()).isEqualTo(new HostPort("127.0.0.1", 9930));
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/watchpost-collector"));
        assertThat(c.limits().maxBodyBytes()).isEqualTo(16L << 20);
        assertThat(c.limits().maxDecompressedBytes()).isEqualTo(64L << 20);
        assertThat(c.limits().maxJsonDepth()).isEqualTo(32);
        assertThat(c.retention().maxDbBytes()).isEqualTo(1L << 30);
    }

    @Test
    void aPostgresqlUrlAndItsPasswordFile() throws Exception {
        CollectorConfig c = CollectorConfigLoader.parse(Path.of("/etc/watchpost/collector.yml"),
                "collector:\n  database_url: jdbc:postgresql://db.example.org/watchpost?user=collector\n"
                        + "  database_password_file: db-password\n"
                        + "agents: []\n");

        assertThat(c.database().url()).isEqualTo("jdbc:postgresql://db.example.org/watchpost?user=collector");
        assertThat(c.database().passwordFile()).isEqualTo(Path.of("/etc/watchpost/db-password"));
        assertThat(c.agents()).isEmpty();
    }

    @Test
    void theExampleIsValid() throws Exception {
        CollectorConfig c = CollectorConfigLoader.load(Path.of("../examples/collector.yml"));
        assertThat(c.agents()).isNotEmpty();
    }
}
