package org.watchpost.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.watchpost.agent.e2e.Tool;

/**
 * The shipped Prometheus and Alertmanager files, checked by the real tools: promtool (Debian package prometheus) and
 * amtool (prometheus-alertmanager). A missing tool fails the test.
 */
class PromtoolIT {
    private final Tool promtool = Tool.require("promtool", "prometheus");
    private final Tool amtool = Tool.require("amtool", "prometheus-alertmanager");

    @Test
    void theRulesAreValid() {
        List<String> args = new ArrayList<>(List.of("check", "rules"));
        RuleFiles.ruleFiles().forEach(f -> args.add(f.toString()));
        Tool.Result r = promtool.run(args, Map.of());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.output()).as(r.describe()).doesNotContain("FAILED").contains("SUCCESS");
    }

    @Test
    void everyRuleTestPasses() {
        List<String> args = new ArrayList<>(List.of("test", "rules"));
        RuleFiles.testFiles().forEach(f -> args.add(f.toString()));
        Tool.Result r = promtool.run(args, Map.of());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.output()).as(r.describe()).doesNotContain("FAILED");
    }

    /** The rule tests can fail: the same tests with one expected label changed must not pass. */
    @Test
    void aWrongExpectationInTheRuleTestsFails(@TempDir Path dir) throws Exception {
        Path original = RepoFiles.path("deploy/prometheus/tests/watchpost-alerts.test.yml");
        String text = Files.readString(original, StandardCharsets.UTF_8)
                .replace("../rules/", RepoFiles.path("deploy/prometheus/rules").toString() + "/");
        String broken = text.replaceFirst("severity: critical", "severity: warning");
        assertThat(broken).isNotEqualTo(text);
        Path copy = dir.resolve("broken.test.yml");
        Files.writeString(copy, broken, StandardCharsets.UTF_8);
        Tool.Result r = promtool.run(List.of("test", "rules", copy.toString()), Map.of());
        assertThat(r.exitCode()).as(r.describe()).isNotZero();
        assertThat(r.output()).contains("FAILED");
    }

    @Test
    void theExamplePrometheusConfigIsValid() {
        Tool.Result r = promtool.run(List.of("check", "config",
                RepoFiles.path("deploy/prometheus/prometheus.yml").toString()), Map.of());
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }

    @Test
    void theAlertmanagerConfigIsValid() {
        Tool.Result r = amtool.run(List.of("check-config",
                RepoFiles.path("deploy/alertmanager/alertmanager.yml").toString()), Map.of());
        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.output()).contains("SUCCESS");
    }

    /** Where each kind of alert goes: by component, then security, then team and severity. */
    @Test
    void alertsAreRoutedByTeamAndSeverity() {
        assertRoute("team-web-pager", "alertname=TargetDown", "component=target", "team=web", "severity=critical");
        assertRoute("team-web", "alertname=TargetDegraded", "component=target", "team=web", "severity=warning");
        assertRoute("team-communications-pager", "alertname=WatchpostTargetDown", "team=communications",
                "severity=critical");
        assertRoute("security,team-web", "alertname=DebugLeakExposed", "component=target", "category=security",
                "team=web", "severity=warning");
        assertRoute("watchpost-operators", "alertname=AgentNotReporting", "component=agent", "severity=warning");
        assertRoute("watchpost-operators-pager", "alertname=NotificationsFailing", "component=collector",
                "severity=critical");
        assertRoute("watchpost-default-pager", "alertname=TargetDown", "component=target", "severity=critical");
        assertRoute("watchpost-default", "alertname=TLSCertExpiring", "component=target", "severity=warning");
    }

    private void assertRoute(String receivers, String... labels) {
        List<String> args = new ArrayList<>(List.of("config", "routes", "test",
                "--config.file=" + RepoFiles.path("deploy/alertmanager/alertmanager.yml"),
                "--verify.receivers=" + receivers));
        args.addAll(List.of(labels));
        Tool.Result r = amtool.run(args, Map.of());
        assertThat(r.exitCode()).as("routing " + String.join(" ", labels) + " to " + receivers + ": " + r.describe())
                .isZero();
    }
}
