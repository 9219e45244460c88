package org.watchpost.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.watchpost.config.ConfigProblem;
import org.watchpost.config.ConfigException;

/**
 * One file per rule under {@code src/test/resources/config/invalid-*.yml}, each with the exact lines a user sees from
 * {@code check-config}.
 */
class InvalidConfigTest {

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                arguments("invalid-empty.yml", List.of(
                        "invalid-empty.yml:1:1: the file is empty; it needs at least a 'targets' list")),
                arguments("invalid-yaml-syntax.yml", List.of(
                        "invalid-yaml-syntax.yml:4:47: invalid YAML: mapping values are not allowed here")),
                arguments("invalid-yaml-unclosed.yml", List.of(
                        "invalid-yaml-unclosed.yml:5:33: invalid YAML: expected ',' or ']', but got }")),
                arguments("invalid-tab-indentation.yml", List.of(
                        "invalid-tab-indentation.yml:3:1: invalid YAML: found character '\\t(TAB)' that cannot start"
                                + " any token. (Do not use \\t(TAB) for indentation)")),
                arguments("invalid-control-character.yml", List.of(
                        "invalid-control-character.yml:4:38: invalid YAML: the file contains the character U+0007,"
                                + " which YAML does not allow")),
                arguments("invalid-multiple-documents.yml", List.of(
                        "invalid-multiple-documents.yml:5:1: the file holds a second YAML document; a config file"
                                + " must be a single document, so remove the '---' line or split the file")),
                arguments("invalid-undefined-alias.yml", List.of(
                        "invalid-undefined-alias.yml:5:13: invalid YAML: the alias '*common' refers to no anchor"
                                + " defined before it")),
                arguments("invalid-alias-bomb.yml", List.of(
                        "invalid-alias-bomb.yml:7:45: aliases expand the file to more than 1000000 values, the limit"
                                + " for a config file")),
                arguments("invalid-too-deep.yml", List.of(
                        "invalid-too-deep.yml:2:73: values are nested more than 64 levels deep, the limit for a"
                                + " config file")),
                arguments("invalid-root-not-mapping.yml", List.of(
                        "invalid-root-not-mapping.yml:2:1: the file must be a mapping of sections such as"
                                + " 'targets:', not a list")),
                arguments("invalid-duplicate-yaml-key.yml", List.of(
                        "invalid-duplicate-yaml-key.yml:5:3: duplicate key 'interval' in defaults; it was first set"
                                + " on line 3")),
                arguments("invalid-unknown-key.yml", List.of(
                        "invalid-unknown-key.yml:5:5: unknown key 'intervall' in targets[0]; did you mean"
                                + " 'interval'? valid keys: name, url, labels, interval, timeout, failure_threshold,"
                                + " success_threshold, max_body_bytes, per_host_concurrency, per_host_min_spacing,"
                                + " max_redirects, expect")),
                arguments("invalid-unknown-top-level-key.yml", List.of(
                        "invalid-unknown-top-level-key.yml:2:1: unknown key 'alerts' at the top level; valid"
                                + " keys: agent, journal, collector, log, defaults, targets, signatures")),
                arguments("invalid-segment-too-small.yml", List.of(
                        "invalid-segment-too-small.yml:3:18: journal.segment_bytes must be at least 64KiB, not 4KiB")),
                arguments("invalid-signature.yml", List.of(
                        "invalid-signature.yml:5:12: signatures[0] 'acme.portal_down': class: unknown failure class"
                                + " 'portal_down'; expected one of dns, connect, tls, timeout, db_storage_full,"
                                + " db_integrity, db_connection, db_overloaded, app_resource_exhausted,"
                                + " hosting_suspended, maintenance, upstream_unavailable, app_error, placeholder_page,"
                                + " truncated, http_status, content_missing, content_unexpected, blocked, debug_leak,"
                                + " tls_expiring",
                        "invalid-signature.yml:12:15: signatures[1] 'acme.short': anchor 'abc' is shorter than 4"
                                + " bytes; short anchors match ordinary text everywhere",
                        "invalid-signature.yml:13:12: signatures[1] 'acme.short': regex does not compile: Unclosed"
                                + " group near index 9")),
                arguments("invalid-signature-duplicate.yml", List.of(
                        "invalid-signature-duplicate.yml:4:9: signatures[0] 'mysql.table_full': the built-in library"
                                + " already has a signature with this id; choose another stack prefix (e.g. your"
                                + " organisation's name)",
                        "invalid-signature-duplicate.yml:14:9: signatures[2] 'acme.portal_down': duplicate id, first"
                                + " defined on line 9")),
                arguments("invalid-unknown-expect-key.yml", List.of(
                        "invalid-unknown-expect-key.yml:6:7: unknown key 'statuses' in targets[0].expect; did you"
                                + " mean 'status'? valid keys: status, contains, not_contains")),
                arguments("invalid-wrong-type.yml", List.of(
                        "invalid-wrong-type.yml:4:5: defaults.interval must be a duration such as 30s, not a"
                                + " mapping")),
                arguments("invalid-no-value.yml", List.of(
                        "invalid-no-value.yml:3:11: defaults.timeout has no value; remove the key to use the"
                                + " default")),
                arguments("invalid-null-list.yml", List.of(
                        "invalid-null-list.yml:6:16: targets[0].expect.contains has no value; write [] for an empty"
                                + " list or remove the key")),
                arguments("invalid-not-integer.yml", List.of(
                        "invalid-not-integer.yml:3:22: defaults.success_threshold must be a whole number, not"
                                + " 'two'")),
                arguments("invalid-no-targets-section.yml", List.of(
                        "invalid-no-targets-section.yml:2:1: the file is missing the required key 'targets'")),
                arguments("invalid-no-targets.yml", List.of(
                        "invalid-no-targets.yml:4:10: targets must list at least one target")),
                arguments("invalid-targets-not-list.yml", List.of(
                        "invalid-targets-not-list.yml:3:3: targets must be a list of targets, each with a name and a"
                                + " url, not a mapping")),
                arguments("invalid-target-not-mapping.yml", List.of(
                        "invalid-target-not-mapping.yml:3:5: targets[0] must be a mapping of keys to values, not"
                                + " 'https://www.example.org/news'")),
                arguments("invalid-missing-url.yml", List.of(
                        "invalid-missing-url.yml:3:5: targets[0] is missing the required key 'url'")),
                arguments("invalid-missing-name.yml", List.of(
                        "invalid-missing-name.yml:3:5: targets[0] is missing the required key 'name'")),
                arguments("invalid-duplicate-target.yml", List.of(
                        "invalid-duplicate-target.yml:7:11: targets[2].name 'news' is already used by targets[0] on"
                                + " line 3; target names must be unique")),
                arguments("invalid-target-name.yml", List.of(
                        "invalid-target-name.yml:3:11: targets[0].name 'press releases' must start with a letter or"
                                + " digit and contain only letters, digits, '.', '_' and '-'")),
                arguments("invalid-bad-url.yml", List.of(
                        "invalid-bad-url.yml:4:10: targets[0].url is not a valid URL: illegal character in path at"
                                + " character 29")),
                arguments("invalid-relative-url.yml", List.of(
                        "invalid-relative-url.yml:4:10: targets[0].url must be an absolute http or https URL such as"
                                + " https://example.org/")),
                arguments("invalid-url-scheme.yml", List.of(
                        "invalid-url-scheme.yml:4:10: targets[0].url must use http or https, not 'ftp'")),
                arguments("invalid-url-no-host.yml", List.of(
                        "invalid-url-no-host.yml:4:10: targets[0].url has no valid host name")),
                arguments("invalid-credentials-in-url.yml", List.of(
                        "invalid-credentials-in-url.yml:4:10: targets[0].url must not contain a user name or"
                                + " password: the URL is written to logs, the journal and the API, so the"
                                + " credentials would end up there")),
                arguments("invalid-unknown-unit.yml", List.of(
                        "invalid-unknown-unit.yml:3:13: defaults.interval is not a valid duration: unknown unit"
                                + " 'sec' in '30sec'; did you mean '30s'? valid units: ms, s, m, h, d")),
                arguments("invalid-missing-unit.yml", List.of(
                        "invalid-missing-unit.yml:5:14: targets[0].timeout is not a valid duration: missing unit in"
                                + " '10'; did you mean '10s'? valid units: ms, s, m, h, d")),
                arguments("invalid-size-unit.yml", List.of(
                        "invalid-size-unit.yml:3:14: journal.max_bytes is not a valid size: unknown unit 'MB' in"
                                + " '512MB'; did you mean '512MiB'? valid units: B, KiB, MiB, GiB, TiB")),
                arguments("invalid-threshold-zero.yml", List.of(
                        "invalid-threshold-zero.yml:5:24: targets[0].failure_threshold must be at least 1, not 0")),
                arguments("invalid-interval-zero.yml", List.of(
                        "invalid-interval-zero.yml:5:15: targets[0].interval must be longer than 0s")),
                arguments("invalid-timeout-not-below-interval.yml", List.of(
                        "invalid-timeout-not-below-interval.yml:3:5: targets[0].timeout (30s) must be shorter than"
                                + " targets[0].interval (30s), so that each probe ends before the next one is due")),
                arguments("invalid-timeout-from-defaults.yml", List.of(
                        "invalid-timeout-from-defaults.yml:7:5: targets[1].timeout (20s, from defaults) must be"
                                + " shorter than targets[1].interval (15s), so that each probe ends before the next"
                                + " one is due")),
                arguments("invalid-defaults-timeout.yml", List.of(
                        "invalid-defaults-timeout.yml:3:12: defaults.timeout (2m) must be shorter than"
                                + " defaults.interval (1m, the default), so that each probe ends before the next one"
                                + " is due")),
                arguments("invalid-max-body-too-small.yml", List.of(
                        "invalid-max-body-too-small.yml:3:19: defaults.max_body_bytes must be at least 1KiB, not"
                                + " 512B")),
                arguments("invalid-max-redirects.yml", List.of(
                        "invalid-max-redirects.yml:5:20: targets[0].max_redirects must be between 0 and 20, not"
                                + " 50")),
                arguments("invalid-per-host-concurrency.yml", List.of(
                        "invalid-per-host-concurrency.yml:3:25: defaults.per_host_concurrency must be at least 1,"
                                + " not 0")),
                arguments("invalid-status-range.yml", List.of(
                        "invalid-status-range.yml:6:21: targets[0].expect.status[1] must be an HTTP status between"
                                + " 100 and 599, not '99'")),
                arguments("invalid-status-not-list.yml", List.of(
                        "invalid-status-not-list.yml:6:15: targets[0].expect.status must be a list of HTTP statuses"
                                + " such as [200, 301], not '200'")),
                arguments("invalid-empty-contains.yml", List.of(
                        "invalid-empty-contains.yml:6:33: targets[0].expect.contains[1] is empty, and every page"
                                + " contains the empty text")),
                arguments("invalid-segment-too-big.yml", List.of(
                        "invalid-segment-too-big.yml:4:18: journal.segment_bytes (64MiB) must be at most an eighth"
                                + " of journal.max_bytes (256MiB), so that a full journal drops only a small part of"
                                + " itself at a time")),
                arguments("invalid-journal-zero.yml", List.of(
                        "invalid-journal-zero.yml:3:14: journal.max_bytes must be larger than 0B")),
                arguments("invalid-log-total-too-small.yml", List.of(
                        "invalid-log-total-too-small.yml:4:20: log.max_total_bytes (15MiB) must be at least twice"
                                + " log.max_file_bytes (10MiB), so that a rolled file can be kept beside the active"
                                + " one")),
                arguments("invalid-log-level.yml", List.of(
                        "invalid-log-level.yml:3:10: log.level 'INFO' is not a valid level; did you mean 'info'?"
                                + " valid levels: error, warn, info, debug, trace")),
                arguments("invalid-label-name.yml", List.of(
                        "invalid-label-name.yml:6:7: targets[0].labels key 'team-name' is not a valid label name;"
                                + " use letters, digits and '_', and do not start with a digit")),
                arguments("invalid-label-reserved.yml", List.of(
                        "invalid-label-reserved.yml:6:7: targets[0].labels key '__address__' starts with '__',"
                                + " which Prometheus reserves for its own labels")),
                arguments("invalid-agent-id.yml", List.of(
                        "invalid-agent-id.yml:3:7: agent.id 'eu/1' must start with a letter or digit and contain"
                                + " only letters, digits, '.', '_' and '-'")),
                arguments("invalid-listen.yml", List.of(
                        "invalid-listen.yml:3:11: agent.listen is not a valid address: expected HOST:PORT such as"
                                + " 127.0.0.1:9920, got 'localhost'")),
                arguments("invalid-max-concurrency.yml", List.of(
                        "invalid-max-concurrency.yml:3:20: agent.max_concurrency must be at least 1, not 0")),
                arguments("invalid-collector-missing-url.yml", List.of(
                        "invalid-collector-missing-url.yml:3:3: collector is missing the required key 'url'")),
                arguments("invalid-collector-url.yml", List.of(
                        "invalid-collector-url.yml:3:8: collector.url must be an absolute http or https URL such as"
                                + " https://example.org/")),
                arguments("invalid-empty-target.yml", List.of(
                        "invalid-empty-target.yml:5:4: targets[1] is empty; a target needs at least a name and a"
                                + " url")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void reportsEachRuleAtItsPosition(String fileName, List<String> expected) throws IOException {
        String text = Files.readString(configDir().resolve(fileName));

        ConfigException e = catchThrowableOfType(
                () -> ConfigLoader.parse(Path.of(fileName), text), ConfigException.class);

        assertThat(e).as("%s must be rejected", fileName).isNotNull();
        assertThat(e.problems()).map(ConfigProblem::toString).containsExactlyElementsOf(expected);
        assertThat(e.getMessage()).isEqualTo(String.join("\n", expected));
    }

    @Test
    void everyInvalidFileHasAnExpectation() throws IOException {
        List<String> covered = invalidFiles().map(a -> (String) a.get()[0]).toList();
        try (Stream<Path> files = Files.list(configDir())) {
            List<String> present = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("invalid-")).toList();
            assertThat(covered).containsExactlyInAnyOrderElementsOf(present);
        }
    }

    static Path configDir() {
        try {
            return Path.of(InvalidConfigTest.class.getResource("/config/invalid-empty.yml").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
