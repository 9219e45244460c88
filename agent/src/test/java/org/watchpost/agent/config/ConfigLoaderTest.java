package org.watchpost.agent.config;

import org.watchpost.agent.detect.Expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.config.YamlSource;
import org.watchpost.config.ProblemList;
import org.watchpost.config.ConfigProblem;
import org.watchpost.config.ConfigException;
import org.watchpost.config.HostPort;

class ConfigLoaderTest {
    private static final Path EXAMPLE = Path.of("..", "examples", "agent.yml");

    @TempDir
    Path dir;

    @Test
    void reportsEveryProblemOfAFileInFileOrder() throws IOException {
        Path file = InvalidConfigTest.configDir().resolve("several-problems.yml");

        ConfigException e = catchThrowableOfType(() -> ConfigLoader.load(file), ConfigException.class);

        assertThat(e.problems()).map(ConfigProblem::toString).containsExactly(
                file + ":3:11: agent.listen is not a valid address: expected HOST:PORT such as 127.0.0.1:9920,"
                        + " got '9920'",
                file + ":5:18: journal.segment_bytes (64MiB) must be at most an eighth of journal.max_bytes (256MiB),"
                        + " so that a full journal drops only a small part of itself at a time",
                file + ":7:10: log.level 'verbose' is not a valid level; valid levels: error, warn, info, debug,"
                        + " trace",
                file + ":9:13: defaults.interval is not a valid duration: unknown unit 'sec' in '30sec'; did you mean"
                        + " '30s'? valid units: ms, s, m, h, d",
                file + ":12:5: targets[0].timeout (1m) must be shorter than targets[0].interval (30s), so that each"
                        + " probe ends before the next one is due",
                file + ":16:11: targets[1].name 'news' is already used by targets[0] on line 12; target names must"
                        + " be unique",
                file + ":17:10: targets[1].url must use http or https, not 'ftp'",
                file + ":18:5: targets[2] is missing the required key 'name'",
                file + ":19:24: targets[2].failure_threshold must be at least 1, not 0",
                file + ":20:15: targets[2].labels key 'team-name' is not a valid label name; use letters, digits and"
                        + " '_', and do not start with a digit",
                file + ":21:1: unknown key 'alerts' at the top level; valid keys: agent, journal, collector, log,"
                        + " defaults, targets, signatures");
    }

    @Test
    void loadsTheShippedExample() throws Exception {
        AgentConfig config = ConfigLoader.load(EXAMPLE);

        assertThat(config.source()).isEqualTo(EXAMPLE);
        assertThat(config.agent()).isEqualTo(new AgentSettings("water-hq-1", new HostPort("127.0.0.1", 9920),
                Path.of("/var/lib/watchpost"), 16));
        assertThat(config.journal()).isEqualTo(JournalSettings.DEFAULTS);
        assertThat(config.collector()).isNull();
        assertThat(config.log()).isEqualTo(LogSettings.DEFAULTS);
        assertThat(config.targets()).extracting(TargetConfig::name)
                .containsExactly("water-home", "water-press", "permits-login");

        TargetConfig press = config.targets().get(1);
        assertThat(press.url()).isEqualTo(URI.create("https://www.example.org/press/"));
        assertThat(press.probe().interval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(press.probe().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(press.probe().expect()).isEqualTo(
                new Expect(List.of(200), List.of("Press releases"), List.of("Lorem ipsum")));
        assertThat(press.labels()).isEqualTo(Map.of("site", "www", "team", "communications"));

        TargetConfig permits = config.targets().get(2);
        assertThat(permits.probe().timeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(permits.probe().maxRedirects()).isEqualTo(2);
        assertThat(permits.probe().expect().status()).containsExactly(200, 302);
    }

    @Test
    void theExampleCollectorSectionIsValidOnceUncommented() throws Exception {
        String example = Files.readString(EXAMPLE);
        String commented = "# collector:\n#   url: https://collector.example.org/\n"
                + "#   token_file: /etc/watchpost/collector.token\n";
        assertThat(example).contains(commented);

        AgentConfig config = ConfigLoader.parse(EXAMPLE, example.replace(commented,
                "collector:\n  url: https://collector.example.org/\n  token_file: /etc/watchpost/collector.token\n"));

        assertThat(config.collector()).isEqualTo(new CollectorSettings(
                URI.create("https://collector.example.org/"), Path.of("/etc/watchpost/collector.token")));
    }

    @Test
    void loadsTheSampleFromTheArchitectureDocument() throws Exception {
        AgentConfig config = ConfigLoader.load(InvalidConfigTest.configDir().resolve("architecture-sample.yml"));

        assertThat(config.agent().id()).isEqualTo("eu-1");
        assertThat(config.collector().tokenFile()).isEqualTo(Path.of("/etc/watchpost/token"));
        assertThat(config.targets()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("unicri-news");
            assertThat(t.probe().interval()).isEqualTo(Duration.ofSeconds(30));
            assertThat(t.probe().expect()).isEqualTo(new Expect(List.of(200), List.of("UNICRI"), List.of()));
            assertThat(t.labels()).containsEntry("team", "web");
        });
    }

    @Test
    void aMinimalFileGetsEveryDefault() throws Exception {
        Path name = Path.of("minimal.yml");

        AgentConfig config = ConfigLoader.parse(name, "targets: [{name: a, url: https://example.org/}]\n");

        assertThat(config.source()).isEqualTo(name);
        assertThat(config.agent()).isEqualTo(new AgentSettings(ConfigLoader.defaultAgentId(),
                AgentSettings.DEFAULT_LISTEN, AgentSettings.DEFAULT_DATA_DIR, AgentSettings.DEFAULT_MAX_CONCURRENCY));
        assertThat(config.journal()).isEqualTo(JournalSettings.DEFAULTS);
        assertThat(config.collector()).isNull();
        assertThat(config.log()).isEqualTo(LogSettings.DEFAULTS);
        assertThat(config.defaults()).isEqualTo(ProbeSettings.DEFAULTS);
        assertThat(config.targets()).containsExactly(
                new TargetConfig("a", URI.create("https://example.org/"), ProbeSettings.DEFAULTS, Map.of()));
    }

    @Test
    void theDefaultAgentIdIsAValidId() {
        assertThat(ConfigLoader.defaultAgentId()).matches(ConfigLoader.AGENT_ID);
    }

    @Test
    void targetsOverrideDefaultsKeyByKeyAndExpectListByList() throws Exception {
        AgentConfig config = ConfigLoader.parse(Path.of("overrides.yml"), """
                defaults:
                  interval: 5m
                  timeout: 20s
                  failure_threshold: 3
                  expect:
                    status: [200, 301]
                    contains: ["Ministry"]
                    not_contains: ["Lorem ipsum"]
                targets:
                  - name: inherits
                    url: https://www.example.org/
                  - name: overrides
                    url: https://www.example.org/news
                    interval: 1m
                    success_threshold: 4
                    per_host_min_spacing: 0ms
                    expect:
                      contains: ["News"]
                """);

        ProbeSettings defaults = config.defaults();
        assertThat(config.targets().get(0).probe()).isEqualTo(defaults);
        assertThat(defaults.interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(defaults.maxBodyBytes()).isEqualTo(ProbeSettings.DEFAULTS.maxBodyBytes());

        ProbeSettings overridden = config.targets().get(1).probe();
        assertThat(overridden).isEqualTo(new ProbeSettings(Duration.ofMinutes(1), Duration.ofSeconds(20), 3, 4,
                defaults.maxBodyBytes(), defaults.perHostConcurrency(), Duration.ZERO, defaults.maxRedirects(),
                new Expect(List.of(200, 301), List.of("News"), List.of("Lorem ipsum"))));
    }

    @Test
    void anEmptyListOverridesAListFromDefaults() throws Exception {
        AgentConfig config = ConfigLoader.parse(Path.of("clear.yml"), """
                defaults: { expect: { status: [200] } }
                targets:
                  - { name: any-2xx, url: "https://www.example.org/", expect: { status: [] } }
                """);

        assertThat(config.targets().get(0).probe().expect().status()).isEmpty();
        assertThat(config.targets().get(0).probe().expect().statusAccepted(204)).isTrue();
    }

    @Test
    void mergeKeysShareSettingsBetweenTargets() throws Exception {
        AgentConfig config = ConfigLoader.parse(Path.of("merge.yml"), """
                targets:
                  - &slow
                    name: portal
                    url: https://portal.example.org/
                    interval: 5m
                    timeout: 30s
                  - <<: *slow
                    name: portal-search
                    url: https://portal.example.org/search
                """);

        assertThat(config.targets().get(1).name()).isEqualTo("portal-search");
        assertThat(config.targets().get(1).probe().timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void relativePathsAreResolvedAgainstTheConfigFilesDirectory() throws Exception {
        Path file = dir.resolve("etc").resolve("agent.yml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                agent: { data_dir: state }
                collector: { url: "http://127.0.0.1:9000/", token_file: ../secrets/token }
                targets: [{name: a, url: "https://example.org/"}]
                """);

        AgentConfig config = ConfigLoader.load(file);

        assertThat(config.agent().dataDir()).isEqualTo(dir.resolve("etc").resolve("state").toAbsolutePath());
        assertThat(config.collector().tokenFile()).isEqualTo(dir.resolve("secrets").resolve("token").toAbsolutePath());
    }

    @Test
    void reportsBytesThatAreNotUtf8WhereTheyAre() throws IOException {
        Path file = dir.resolve("latin1.yml");
        Files.write(file, "targets:\n  - name: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        ConfigException e = catchThrowableOfType(() -> ConfigLoader.load(file), ConfigException.class);

        assertThat(e.problems()).map(ConfigProblem::toString).containsExactly(
                file + ":2:14: the file is not UTF-8 text: byte 0xE9 cannot appear here; save the file as UTF-8");
    }

    @Test
    void aByteOrderMarkDoesNotShiftColumns() throws IOException {
        Path file = dir.resolve("bom.yml");
        Files.writeString(file, "\uFEFFtargets: 5\n");

        ConfigException e = catchThrowableOfType(() -> ConfigLoader.load(file), ConfigException.class);

        assertThat(e.problems()).map(ConfigProblem::toString).containsExactly(
                file + ":1:10: targets must be a list of targets, each with a name and a url, not '5'");
    }

    @Test
    void refusesAFileLargerThanTheLimitBeforeParsingIt() throws IOException {
        Path file = dir.resolve("huge.yml");
        Files.write(file, new byte[YamlSource.MAX_CHARS + 1]);

        ConfigException e = catchThrowableOfType(() -> ConfigLoader.load(file), ConfigException.class);

        assertThat(e.problems()).map(ConfigProblem::toString)
                .containsExactly(file + ":1:1: the file is larger than 8MiB, the limit for a config file");
    }

    @Test
    void aMissingFileIsAnIoErrorNotAConfigProblem() {
        assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yml"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void listsAtMostAThousandProblemsAndSaysHowManyMoreThereAre() {
        StringBuilder yaml = new StringBuilder("targets:\n");
        for (int i = 0; i < 1200; i++) {
            yaml.append("  - {name: t").append(i).append(", url: \"https://example.org/\", failure_threshold: 0}\n");
        }

        ConfigException e = catchThrowableOfType(
                () -> ConfigLoader.parse(Path.of("many.yml"), yaml.toString()), ConfigException.class);

        assertThat(e.problems()).hasSize(ProblemList.CAPACITY + 1);
        assertThat(e.problems().get(ProblemList.CAPACITY).toString()).isEqualTo("many.yml:1001:66: 200 more problems"
                + " were found but not listed; fix the ones above and check the file again");
    }

    @Test
    void aRecursiveAliasIsATypeErrorNotALoop() {
        ConfigException e = catchThrowableOfType(() -> ConfigLoader.parse(Path.of("loop.yml"), """
                targets: &t
                  - name: a
                    url: https://example.org/
                    expect: { contains: *t }
                """), ConfigException.class);

        assertThat(e.problems()).map(ConfigProblem::toString).containsExactly(
                "loop.yml:2:5: targets[0].expect.contains[0] must be a text, not a mapping");
    }
}
