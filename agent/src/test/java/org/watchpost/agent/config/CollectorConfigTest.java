package org.watchpost.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorConfigTest {
    @TempDir
    Path dir;

    @Test
    void everyKeyIsReadAndTheTokenIsNeverShown() throws Exception {
        Files.writeString(dir.resolve("token"), "  wp_s3cret-token-value \n");
        Path file = dir.resolve("agent.yml");
        Files.writeString(file, """
                collector:
                  url: https://collector.example.org/base
                  token_file: token
                  batch_max_records: 200
                  batch_max_bytes: 512KiB
                  batch_max_wait: 250ms
                  max_backoff: 1m
                  timeout: 20s
                targets: [{name: a, url: "https://example.org/"}]
                """);

        CollectorSettings c = ConfigLoader.load(file, ConfigLoader.Secrets.READ).collector();

        assertThat(c.url()).isEqualTo(URI.create("https://collector.example.org/base"));
        assertThat(c.reportsUri()).isEqualTo(URI.create("https://collector.example.org/base/api/v1/reports"));
        assertThat(c.tokenFile()).isEqualTo(dir.resolve("token").toAbsolutePath());
        assertThat(c.token().value()).isEqualTo("wp_s3cret-token-value");
        assertThat(c.batchMaxRecords()).isEqualTo(200);
        assertThat(c.batchMaxBytes()).isEqualTo(512 << 10);
        assertThat(c.batchMaxWait()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(c.toString()).doesNotContain("s3cret");
        assertThat(ConfigLoader.load(file, ConfigLoader.Secrets.READ).toString()).doesNotContain("s3cret");
    }

    @Test
    void defaultsAreSensibleAndARotatedTokenIsAChange() throws Exception {
        Path token = dir.resolve("token");
        Files.writeString(token, "wp_one\n");
        Path file = dir.resolve("agent.yml");
        Files.writeString(file, "collector: { url: \"http://127.0.0.1:9000\", token_file: token }\n"
                + "targets: [{name: a, url: \"https://example.org/\"}]\n");

        CollectorSettings before = ConfigLoader.load(file, ConfigLoader.Secrets.READ).collector();
        assertThat(before.batchMaxRecords()).isEqualTo(500);
        assertThat(before.batchMaxBytes()).isEqualTo(1 << 20);
        assertThat(before.batchMaxWait()).isEqualTo(Duration.ofSeconds(1));
        assertThat(before.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(before.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(before.reportsUri()).isEqualTo(URI.create("http://127.0.0.1:9000/api/v1/reports"));

        Files.writeString(token, "wp_two\n");
        CollectorSettings after = ConfigLoader.load(file, ConfigLoader.Secrets.READ).collector();
        assertThat(after).as("a reload sees the new token").isNotEqualTo(before);
    }
}
