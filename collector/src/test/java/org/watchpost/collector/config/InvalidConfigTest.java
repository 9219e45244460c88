package org.watchpost.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.watchpost.config.ConfigException;
import org.watchpost.config.ConfigProblem;

/** One file per rule under {@code src/test/resources/config/invalid-*.yml}, each with the exact lines a user sees. */
class InvalidConfigTest {
    static final Path DIR = Path.of("src/test/resources/config");

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                arguments("invalid-agent-id.yml", List.of(
                        "invalid-agent-id.yml:2:11: agents[0].id 'eu 1' must start with a letter or digit and contain only letters, digits, '.', '_' and '-'")),
                arguments("invalid-agent-missing-hash.yml", List.of(
                        "invalid-agent-missing-hash.yml:2:5: agents[0] is missing the required key 'token_sha256'")),
                arguments("invalid-agent-unknown-key.yml", List.of(
                        "invalid-agent-unknown-key.yml:2:5: agents[0] is missing the required key 'token_sha256'",
                        "invalid-agent-unknown-key.yml:3:5: unknown key 'token' in agents[0]; did you mean 'token_sha256'? valid keys: id, token_sha256")),
                arguments("invalid-database-url.yml", List.of(
                        "invalid-database-url.yml:2:17: collector.database_url must start with jdbc:postgresql:// (leave it out to use SQLite under data_dir), not 'jdbc:mysql://db.example.org/watchpost'")),
                arguments("invalid-duplicate-agent.yml", List.of(
                        "invalid-duplicate-agent.yml:3:11: agents[1].id 'eu-1' is already the id of agents[0]; each agent needs its own id")),
                arguments("invalid-empty.yml", List.of(
                        "invalid-empty.yml:1:1: the file is empty; it needs at least an 'agents' list")),
                arguments("invalid-limits-depth.yml", List.of(
                        "invalid-limits-depth.yml:4:19: limits.max_json_depth must be between 8 and 1000, not 4",
                        "invalid-limits-depth.yml:5:20: limits.request_timeout must be longer than 0s")),
                arguments("invalid-limits-inflated.yml", List.of(
                        "invalid-limits-inflated.yml:5:27: limits.max_decompressed_bytes (8MiB) must be at least limits.max_body_bytes (16MiB): an uncompressed body counts against both")),
                arguments("invalid-listen.yml", List.of(
                        "invalid-listen.yml:2:11: collector.listen is not a valid address: expected HOST:PORT such as 127.0.0.1:9920, got 'localhost'")),
                arguments("invalid-password-file-without-url.yml", List.of(
                        "invalid-password-file-without-url.yml:2:27: collector.database_password_file is set but collector.database_url is not; the password is for a PostgreSQL database")),
                arguments("invalid-retention-too-small.yml", List.of(
                        "invalid-retention-too-small.yml:4:17: retention.max_db_bytes must be at least 1MiB, not 64KiB",
                        "invalid-retention-too-small.yml:5:27: retention.max_results_per_target must be at least 1, not 0")),
                arguments("invalid-retention-unit.yml", List.of(
                        "invalid-retention-unit.yml:4:17: retention.max_db_bytes is not a valid size: unknown unit 'MB' in '10MB'; did you mean '10MiB'? valid units: B, KiB, MiB, GiB, TiB")),
                arguments("invalid-shared-token.yml", List.of(
                        "invalid-shared-token.yml:3:31: agents[1].token_sha256 is also a token hash of agent 'eu-1'; each agent needs its own token (make one with: watchpost-collector token)")),
                arguments("invalid-three-hashes.yml", List.of(
                        "invalid-three-hashes.yml:3:19: agents[0].token_sha256 lists 3 hashes; give one, or two while a token is being rotated")),
                arguments("invalid-token-hash.yml", List.of(
                        "invalid-token-hash.yml:2:31: agents[0].token_sha256 must be the SHA-256 of the agent's token (64 hex digits, from: watchpost-collector token), not 'the-token-itself'")),
                arguments("invalid-two-passwords.yml", List.of(
                        "invalid-two-passwords.yml:3:27: collector.database_password_file is set and collector.database_url has a password too; keep one of them")),
                arguments("invalid-unknown-top-key.yml", List.of(
                        "invalid-unknown-top-key.yml:1:1: unknown key 'agnets' at the top level; did you mean 'agents'? valid keys: collector, agents, retention, limits, consensus, alerting, maintenance, status_page",
                        "invalid-unknown-top-key.yml:1:1: the file is missing the required key 'agents'"))
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void eachRuleHasItsMessage(String file, List<String> expected) {
        Path path = DIR.resolve(file);
        assertThatThrownBy(() -> CollectorConfigLoader.load(path))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems().stream()
                        .map(ConfigProblem::toString)
                        .map(s -> s.substring(s.indexOf(file)))
                        .toList()).containsExactlyElementsOf(expected));
    }
}
