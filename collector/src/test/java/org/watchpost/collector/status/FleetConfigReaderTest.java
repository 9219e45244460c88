package org.watchpost.collector.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.nodes.Node;
import org.watchpost.collector.fleet.Quorum;
import org.watchpost.config.ConfigException;
import org.watchpost.config.ConfigProblem;
import org.watchpost.config.ConfigSection;
import org.watchpost.config.ProblemList;
import org.watchpost.config.YamlSource;

/** The fleet's config sections: a complete valid file, and one file per rule with the exact lines a user sees. */
class FleetConfigReaderTest {
    static final Path DIR = Path.of("src/test/resources/fleet-config");

    static FleetConfig read(String name) throws Exception {
        Path file = DIR.resolve(name);
        ProblemList problems = new ProblemList(Path.of(name));
        Optional<Node> root = YamlSource.read(YamlSource.readFile(file), problems);
        ConfigSection top = ConfigSection.of(problems, "", root.orElseThrow(), root.get().getStartMark(),
                FleetConfigReader.TOP_KEYS);
        FleetConfig config = FleetConfigReader.read(top, problems, DIR);
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        return config;
    }

    @Test
    void aCompleteFileReadsIntoTheSettings() throws Exception {
        FleetConfig c = read("valid-full.yml");

        assertThat(c.consensus().staleAfter()).isEqualTo(Duration.ofMinutes(3));
        assertThat(c.consensus().agentStaleAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.consensus().quorumFor("jobs", "unicri")).isEqualTo(Quorum.atLeast(1));
        assertThat(c.consensus().quorumFor("news", "unicri")).isEqualTo(Quorum.ALL);
        assertThat(c.consensus().quorumFor("jobs", "unhcr")).isEqualTo(Quorum.MAJORITY);
        assertThat(c.consensus().successThreshold()).isEqualTo(3);
        assertThat(c.consensus().recoveryHold()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.consensus().maxTargets()).isEqualTo(5000);
        assertThat(c.alerting().alertmanagers()).containsExactly(URI.create("http://127.0.0.1:9093"),
                URI.create("http://127.0.0.2:9093"));
        assertThat(c.alerting().resendInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.alerting().resolveResends()).isEqualTo(4);
        assertThat(c.alerting().webhooks()).hasSize(2);
        assertThat(new String(c.alerting().webhooks().get(0).secret(), StandardCharsets.UTF_8))
                .isEqualTo("hook-secret-value");
        assertThat(c.alerting().webhooks().get(1).secret()).isNull();
        assertThat(c.alerting().webhooks().get(0).toString()).doesNotContain("hook-secret-value");
        assertThat(c.alerting().outboxCapacity()).isEqualTo(500);
        assertThat(c.maintenance().windows()).hasSize(2);
        assertThat(c.maintenance().windows().get(0).days()).containsExactly(DayOfWeek.SUNDAY);
        // Sunday 2026-12-06 02:30 in Rome is 01:30 UTC.
        assertThat(c.maintenance().active("jobs", "unicri", Instant.parse("2026-12-06T01:30:00Z"))).isPresent();
        assertThat(c.maintenance().active("events", "x", Instant.parse("2026-12-06T04:59:00Z")))
                .map(w -> w.name()).contains("migration");
        assertThat(c.statusPage().publicUrl()).isEqualTo("https://status.example.org/");
        assertThat(c.statusPage().token()).isEqualTo("read-token-value");
    }

    @Test
    void noSectionsMeansTheDefaults() throws Exception {
        ProblemList problems = new ProblemList(Path.of("empty.yml"));
        Node root = YamlSource.read("agents: []\n", problems).orElseThrow();
        FleetConfig c = FleetConfigReader.read(ConfigSection.of(problems, "", root, root.getStartMark(), null),
                problems, DIR);

        assertThat(problems.isEmpty()).isTrue();
        assertThat(c).isEqualTo(FleetConfig.defaults());
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                arguments("invalid-quorum.yml", List.of(
                        "invalid-quorum.yml:2:11: consensus.quorum must be majority, all or a number of agents from 1"
                                + " to 1000, not 'most'")),
                arguments("invalid-override-both.yml", List.of(
                        "invalid-override-both.yml:3:15: consensus.overrides[0] names both a target and a site; give"
                                + " one of them per override")),
                arguments("invalid-override-no-quorum.yml", List.of(
                        "invalid-override-no-quorum.yml:3:7: consensus.overrides[0] is missing the required key"
                                + " 'quorum'")),
                arguments("invalid-consensus-unknown-key.yml", List.of(
                        "invalid-consensus-unknown-key.yml:2:3: unknown key 'stale_afer' in consensus; did you mean"
                                + " 'stale_after'? valid keys: stale_after, agent_stale_after, quorum, overrides,"
                                + " success_threshold, recovery_hold, max_targets, evaluate_every")),
                arguments("invalid-alertmanager-url.yml", List.of(
                        "invalid-alertmanager-url.yml:3:12: alerting.alertmanager.urls[0] '127.0.0.1:9093' must be an"
                                + " http:// or https:// URL with a host, such as http://127.0.0.1:9093")),
                arguments("invalid-webhook-secret-missing.yml", List.of(
                        "invalid-webhook-secret-missing.yml:3:58: alerting.webhooks[0].secret_file "
                                + DIR.resolve("missing.secret") + " does not exist")),
                arguments("invalid-webhook-no-url.yml", List.of(
                        "invalid-webhook-no-url.yml:3:7: alerting.webhooks[0] is missing the required key 'url'")),
                arguments("invalid-maintenance-zone.yml", List.of(
                        "invalid-maintenance-zone.yml:4:16: maintenance[0].time_zone 'Europe/Pari' is not a time"
                                + " zone; use a name such as Europe/Paris, America/New_York or UTC")),
                arguments("invalid-maintenance-ends-before.yml", List.of(
                        "invalid-maintenance-ends-before.yml:5:12: maintenance[0].until must be after from")),
                arguments("invalid-maintenance-at-and-day.yml", List.of(
                        "invalid-maintenance-at-and-day.yml:4:9: maintenance[0].at '2am' is not a time of day; write"
                                + " it as HH:MM, such as \"02:00\"",
                        "invalid-maintenance-at-and-day.yml:6:17: maintenance[0].days[1] must be a day: mon, tue,"
                                + " wed, thu, fri, sat or sun, not 'funday'")),
                arguments("invalid-maintenance-covers-nothing.yml", List.of(
                        "invalid-maintenance-covers-nothing.yml:2:5: maintenance[0] covers nothing; give targets,"
                                + " sites or all: true")),
                arguments("invalid-maintenance-mixed.yml", List.of(
                        "invalid-maintenance-mixed.yml:2:5: maintenance[0] mixes a one-off window (from, until) with a"
                                + " recurring one (days, at, duration); use one of the two")),
                arguments("invalid-maintenance-too-long.yml", List.of(
                        "invalid-maintenance-too-long.yml:5:15: maintenance[0].duration must be at most 7d for a"
                                + " recurring window")),
                arguments("invalid-basic-auth-no-password.yml", List.of(
                        "invalid-basic-auth-no-password.yml:2:21: status_page.auth.username needs password_file"
                                + " beside it for basic auth")),
                arguments("invalid-public-url.yml", List.of(
                        "invalid-public-url.yml:2:15: status_page.public_url 'javascript:alert(1)' must be an http://"
                                + " or https:// URL with a host, such as https://status.example.org/")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void eachMistakeIsOneLineAtItsPosition(String file, List<String> expected) {
        List<String> actual;
        try {
            read(file);
            actual = List.of();
        } catch (ConfigException e) {
            actual = e.problems().stream().map(ConfigProblem::toString).toList();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(actual).containsExactlyElementsOf(expected);
    }
}
